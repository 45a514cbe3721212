// Ragwell playground: plain DOM, no framework, no build step. Document text is only ever set with textContent
// (never innerHTML), so a document cannot inject markup or script; the Content-Security-Policy forbids inline
// script besides. The API key lives in sessionStorage (this tab only) and is sent only to this origin.
"use strict";

const $ = (id) => document.getElementById(id);
const KEY_STORAGE = "ragwell.apiKey";
let sources = [];
let answerText = "";
let imageUrl = null;

function apiKey() {
  return $("api-key").value.trim();
}

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const key = apiKey();
  if (key) h["Authorization"] = "Bearer " + key;
  return h;
}

// Only relative or same-origin URLs get the key.
function sameOrigin(url) {
  try {
    return new URL(url, window.location.href).origin === window.location.origin;
  } catch (e) {
    return false;
  }
}

async function problemOf(response) {
  let text = "";
  try {
    text = await response.text();
    const body = JSON.parse(text);
    return { status: response.status, title: body.title || response.statusText, detail: body.detail || "" };
  } catch (e) {
    return { status: response.status, title: response.statusText || "Error", detail: text.slice(0, 300) };
  }
}

function showProblem(element, problem, hint) {
  element.replaceChildren();
  const strong = document.createElement("strong");
  strong.textContent = problem.title + (problem.status ? " (" + problem.status + ")" : "");
  element.append(strong);
  if (problem.detail) {
    element.append(document.createTextNode(": " + problem.detail));
  }
  if (hint) {
    const p = document.createElement("p");
    p.textContent = hint;
    element.append(p);
  }
  element.hidden = false;
}

// ---- API key ------------------------------------------------------------------------------------------------

function initKey() {
  const stored = sessionStorage.getItem(KEY_STORAGE);
  if (stored) {
    $("api-key").value = stored;
    $("key-status").textContent = "key set for this tab";
  }
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = apiKey();
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
      $("key-status").textContent = "key set for this tab";
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
      $("key-status").textContent = "no key";
    }
    loadDocuments(true);
  });
}

// ---- Asking: the answer streams in from /query/stream --------------------------------------------------------

function renderAnswer() {
  const answer = $("answer");
  answer.replaceChildren();
  const pattern = /\[(\d+)\]/g;
  let last = 0;
  let match;
  while ((match = pattern.exec(answerText)) !== null) {
    answer.append(document.createTextNode(answerText.slice(last, match.index)));
    const n = Number(match[1]);
    if (n >= 1 && n <= sources.length) {
      const cite = document.createElement("button");
      cite.type = "button";
      cite.className = "cite";
      cite.textContent = "[" + n + "]";
      cite.setAttribute("aria-label", "Source " + n);
      cite.dataset.source = String(n);
      cite.addEventListener("click", () => showSource(n));
      answer.append(cite);
    } else {
      answer.append(document.createTextNode(match[0]));
    }
    last = pattern.lastIndex;
  }
  answer.append(document.createTextNode(answerText.slice(last)));
}

function renderSources(list) {
  sources = Array.isArray(list) ? list : [];
  const ol = $("sources");
  ol.replaceChildren();
  sources.forEach((source, i) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    const chunk = source.chunk || {};
    button.textContent = chunk.document_id + " · score " + Number(source.score).toFixed(3);
    button.addEventListener("click", () => showSource(i + 1));
    li.append(button);
    ol.append(li);
  });
}

function renderDone(done) {
  const parts = [done.mode + " answer", done.latency_ms + " ms", done.tokens_used + " tokens"];
  if (done.cached) parts.push("cached");
  if (done.degraded) parts.push("degraded");
  $("answer-meta").textContent = parts.join(" · ") + ((done.warnings || []).length ? " — " + done.warnings.join("; ") : "");
  $("answer-meta").dataset.done = "true";
}

function handleEvent(name, data) {
  switch (name) {
    case "sources":
      renderSources(data);
      renderAnswer();
      break;
    case "delta":
      answerText += data.text || "";
      renderAnswer();
      break;
    case "done":
      renderDone(data);
      break;
    case "error":
      showProblem($("ask-error"), { status: data.status, title: data.title || "Error", detail: data.detail || "" });
      break;
    default:
      break;
  }
}

// Server-sent events over fetch (EventSource can neither POST nor send the key): blocks split by a blank line,
// "event:" names the event, "data:" lines carry JSON.
async function readEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) handleEvent(name, JSON.parse(data.join("\n")));
    }
  }
}

async function ask(event) {
  event.preventDefault();
  const question = $("question").value.trim();
  if (!question) return;
  const mode = document.querySelector("input[name=mode]:checked").value;
  const body = JSON.stringify({ query: question, mode: mode, top_k: Number($("top-k").value) || 5 });
  $("ask").disabled = true;
  $("ask-error").hidden = true;
  $("answer-box").hidden = false;
  $("answer-meta").textContent = "…";
  delete $("answer-meta").dataset.done;
  answerText = "";
  renderSources([]);
  renderAnswer();
  try {
    let response = await fetch("/query/stream", {
      method: "POST", headers: headers({ "Content-Type": "application/json", "Accept": "text/event-stream" }), body: body,
    });
    if (response.status === 404) {
      // A server without the stream endpoint: the whole answer at once.
      response = await fetch("/query", { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: body });
      if (response.ok) {
        const answer = await response.json();
        handleEvent("sources", answer.sources);
        handleEvent("delta", { text: answer.answer });
        handleEvent("done", answer);
        return;
      }
    }
    if (!response.ok) {
      showProblem($("ask-error"), await problemOf(response), response.status === 401 ? "Enter an API key with the read scope." : "");
      $("answer-meta").textContent = "";
      return;
    }
    await readEvents(response);
  } catch (e) {
    showProblem($("ask-error"), { title: "Connection failed", detail: String(e.message || e) });
  } finally {
    $("ask").disabled = false;
  }
}

async function showSource(n) {
  const source = sources[n - 1];
  if (!source) return;
  const chunk = source.chunk || {};
  const metadata = chunk.metadata || {};
  $("source-number").textContent = "[" + n + "]";
  $("source-document").textContent = chunk.document_id || "";
  $("source-chunk").textContent = chunk.id || "";
  $("source-page").textContent = metadata.page !== undefined ? String(metadata.page) : "—";
  $("source-score").textContent = Number(source.score).toFixed(4)
    + (source.dense_score != null ? " (dense " + Number(source.dense_score).toFixed(3) + ")" : "")
    + (source.sparse_score != null ? " (sparse " + Number(source.sparse_score).toFixed(3) + ")" : "");
  $("source-text").textContent = chunk.content || "";
  const image = $("source-image");
  image.hidden = true;
  if (imageUrl) {
    URL.revokeObjectURL(imageUrl);
    imageUrl = null;
  }
  const section = $("source");
  section.hidden = false;
  section.focus();
  const asset = source.asset_url || chunk.asset_url;
  if (asset && sameOrigin(asset)) {
    // An <img src> cannot send the key: fetch the picture and show it from a blob URL.
    const response = await fetch(asset, { headers: headers() });
    if (response.ok) {
      imageUrl = URL.createObjectURL(await response.blob());
      image.src = imageUrl;
      image.alt = "Image of source " + n + " (" + (chunk.document_id || "") + ")";
      image.hidden = false;
    }
  }
}

// ---- Uploads: multipart POST /documents, optionally as a background job ---------------------------------------

async function upload(event) {
  event.preventDefault();
  const files = $("files").files;
  const status = $("upload-status");
  status.replaceChildren();
  if (!files.length) {
    status.textContent = "Choose one or more files first.";
    return;
  }
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const async = $("async").checked;
  status.textContent = "Uploading " + files.length + " file(s)…";
  let response;
  try {
    response = await fetch("/documents" + (async ? "?mode=async" : ""), { method: "POST", headers: headers(), body: form });
  } catch (e) {
    showProblem(status, { title: "Upload failed", detail: String(e.message || e) });
    return;
  }
  if (response.status === 202) {
    const job = await response.json();
    watchJob(job.status_url || ("/jobs/" + job.job_id));
    return;
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    const hint = response.status === 415 ? "The server cannot read this file type." : "";
    showProblem(status, problem, hint);
    return;
  }
  const result = await response.json();
  // Results come in the order of the files sent, so each line can name its file beside the id it got.
  const names = Array.from(files, (file) => file.name);
  status.textContent = (result.documents || [])
    .map((d, i) => (names[i] ? names[i] + " → " : "") + d.id + ": " + d.status + " (" + d.chunks + " chunks)")
    .join("; ");
  loadDocuments(true);
}

async function watchJob(url) {
  const status = $("upload-status");
  const progress = $("job-progress");
  if (!sameOrigin(url)) return;
  progress.hidden = false;
  for (;;) {
    const response = await fetch(url, { headers: headers() });
    if (!response.ok) {
      showProblem(status, await problemOf(response));
      progress.hidden = true;
      return;
    }
    const job = await response.json();
    const docs = job.documents || { total: 0, done: 0, failed: 0 };
    progress.max = Math.max(1, docs.total);
    progress.value = docs.done + docs.failed;
    status.textContent = "Job " + job.state + ": " + docs.done + " of " + docs.total + " documents"
      + (docs.failed ? ", " + docs.failed + " failed" : "");
    if (["succeeded", "failed", "cancelled"].includes(job.state)) {
      progress.hidden = true;
      loadDocuments(true);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function initDrop() {
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    $("files").files = e.dataTransfer.files;
  });
}

// ---- Documents: GET /documents, a page at a time, and delete ---------------------------------------------------

let nextCursor = null;

async function loadDocuments(reset) {
  const list = $("documents");
  const status = $("docs-status");
  if (reset) {
    list.replaceChildren();
    nextCursor = null;
  }
  status.textContent = "";
  const query = "/documents?limit=20" + (nextCursor ? "&after=" + encodeURIComponent(nextCursor) : "");
  let response;
  try {
    response = await fetch(query, { headers: headers({ "Accept": "application/json" }) });
  } catch (e) {
    status.textContent = "Could not list documents: " + (e.message || e);
    return;
  }
  if (!response.ok) {
    showProblem(status, await problemOf(response), response.status === 401 ? "Enter an API key to see the documents." : "");
    return;
  }
  const page = await response.json();
  for (const doc of page.documents || []) list.append(documentRow(doc));
  nextCursor = page.next || null;
  $("docs-more").hidden = !nextCursor;
  if (!list.children.length) status.textContent = "No documents yet.";
}

function documentRow(doc) {
  const li = document.createElement("li");
  const label = document.createElement("span");
  label.textContent = doc.id + " — " + doc.chunks + " chunk(s)" + (doc.source ? " · " + doc.source : "");
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = "Delete";
  remove.setAttribute("aria-label", "Delete " + doc.id);
  remove.addEventListener("click", async () => {
    // Two steps, so a stray keypress never deletes.
    if (remove.dataset.armed !== "true") {
      remove.dataset.armed = "true";
      remove.textContent = "Confirm delete";
      return;
    }
    const response = await fetch("/documents/" + encodeURIComponent(doc.id), { method: "DELETE", headers: headers() });
    if (response.ok) {
      li.remove();
      $("docs-status").textContent = doc.id + " deleted";
    } else {
      showProblem($("docs-status"), await problemOf(response));
    }
  });
  li.append(label, remove);
  return li;
}

document.addEventListener("DOMContentLoaded", () => {
  initKey();
  initDrop();
  $("ask-form").addEventListener("submit", ask);
  $("question").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) $("ask-form").requestSubmit();
  });
  $("source-close").addEventListener("click", () => { $("source").hidden = true; $("question").focus(); });
  $("upload-form").addEventListener("submit", upload);
  $("docs-refresh").addEventListener("click", () => loadDocuments(true));
  $("docs-more").addEventListener("click", () => loadDocuments(false));
  if (apiKey()) loadDocuments(true);
});
