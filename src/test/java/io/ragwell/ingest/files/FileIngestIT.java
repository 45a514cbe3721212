package io.ragwell.ingest.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.ragwell.support.RagwellIntegrationTest;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files over HTTP against the whole application: Tika for real, Tesseract for real (skipped without it outside
 * CI), the Lucene store, API keys with scopes and namespaces.
 */
@RagwellIntegrationTest(ownContext = true,
		properties = { "ragwell.limits.max-file-bytes=2MB", "ragwell.limits.max-extracted-chars=400000",
				"ragwell.cache.enabled=false", "ragwell.security.rate-limit.enabled=false",
				"ragwell.security.api-keys[0].key=writer-key-0000000000", "ragwell.security.api-keys[0].name=writer",
				"ragwell.security.api-keys[0].scopes=read,write", "ragwell.security.api-keys[0].namespace=alpha",
				"ragwell.security.api-keys[1].key=reader-key-0000000000", "ragwell.security.api-keys[1].name=reader",
				"ragwell.security.api-keys[1].scopes=read", "ragwell.security.api-keys[1].namespace=alpha",
				"ragwell.security.api-keys[2].key=other-key-00000000000", "ragwell.security.api-keys[2].name=other",
				"ragwell.security.api-keys[2].scopes=read,write", "ragwell.security.api-keys[2].namespace=beta",
				"ragwell.security.api-keys[3].key=nowrite-key-000000000", "ragwell.security.api-keys[3].name=nowrite",
				"ragwell.security.api-keys[3].scopes=admin", "ragwell.security.api-keys[3].namespace=alpha",
				"ragwell.security.api-keys[4].key=scifact-json-00000000", "ragwell.security.api-keys[4].name=sj",
				"ragwell.security.api-keys[4].scopes=read,write", "ragwell.security.api-keys[4].namespace=scifact-json",
				"ragwell.security.api-keys[5].key=scifact-pdf-000000000", "ragwell.security.api-keys[5].name=sp",
				"ragwell.security.api-keys[5].scopes=read,write", "ragwell.security.api-keys[5].namespace=scifact-pdf" })
class FileIngestIT {

	/** The vision model: answers every caption request with {@link #CAPTION}, in OpenAI's reply shape. */
	private static final MockWebServer VISION = new MockWebServer();

	private static final String CAPTION = "A bar chart of revenue by quarter with a rising trend.";

	@DynamicPropertySource
	static void vision(DynamicPropertyRegistry registry) throws IOException {
		VISION.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.body("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"llava\","
							+ "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + CAPTION
							+ "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":12,"
							+ "\"total_tokens\":102}}")
					.build();
			}
		});
		VISION.start();
		registry.add("ragwell.vision.base-url", () -> VISION.url("/v1").toString());
		registry.add("ragwell.vision.model", () -> "llava");
	}

	@AfterAll
	static void stopVision() {
		VISION.close();
	}

	private static final String WRITER = "writer-key-0000000000";

	private static final String READER = "reader-key-0000000000";

	private static final String OTHER = "other-key-00000000000";

	private static final String ADMIN_ONLY = "nowrite-key-000000000";

	private static final String SCIFACT_JSON = "scifact-json-00000000";

	private static final String SCIFACT_PDF = "scifact-pdf-000000000";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Test
	void aMultiPagePdfIsSearchableWithItsPagesAndReuploadIsUnchanged() {
		byte[] pdf = TestFiles.pdf(List.of("Glaciers in the Alps have retreated since the little ice age.",
				"The migratory route of the arctic tern spans from pole to pole every year.",
				"Sourdough bread relies on wild yeast and lactic acid bacteria."));
		Reply created = upload(WRITER, "tern-report", "report.pdf", "application/pdf", pdf, Map.of("topic", "birds"));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode result = created.json().get("documents").get(0);
		assertThat(result.get("status").asString()).isEqualTo("created");
		assertThat(result.get("chunks").asInt()).isEqualTo(3);

		JsonNode document = get(READER, "/documents/tern-report").json();
		assertThat(document.get("metadata").get("content_type").asString()).isEqualTo("application/pdf");
		assertThat(document.get("metadata").get("topic").asString()).isEqualTo("birds");
		assertThat(document.get("source").asString()).isEqualTo("report.pdf");

		JsonNode source = query(READER, "/query", "arctic tern migratory route").get("sources").get(0).get("chunk");
		assertThat(source.get("document_id").asString()).isEqualTo("tern-report");
		assertThat(source.get("content").asString()).contains("arctic tern").doesNotContain("Glaciers");
		assertThat(source.get("metadata").get("page").asInt()).isEqualTo(2);

		Reply again = upload(WRITER, "tern-report", "report.pdf", "application/pdf", pdf, Map.of("topic", "birds"));
		assertThat(again.json().get("documents").get(0).get("status").asString()).isEqualTo("unchanged");
		Reply retagged = upload(WRITER, "tern-report", "report.pdf", "application/pdf", pdf, Map.of("topic", "terns"));
		assertThat(retagged.json().get("documents").get(0).get("status").asString()).isEqualTo("updated");
		assertThat(retagged.json().get("documents").get(0).get("embedded").asInt()).isZero();
	}

	@Test
	void pagesAndSectionsAreFilterable() {
		List<String> pages = new ArrayList<>();
		for (int page = 1; page <= 4; page++) {
			pages.add("Harbour logbook page " + page + ": the pilot boat met the freighter at the breakwater.");
		}
		Reply created = upload(WRITER, "logbook", "logbook.pdf", "application/pdf", TestFiles.pdf(pages), Map.of());
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode onPage3 = search(READER, "pilot boat freighter breakwater",
				Map.of("page", 3, "document_id", "logbook"));
		assertThat(onPage3).extracting(chunk -> chunk.get("metadata").get("page").asInt()).containsExactly(3);
		assertThat(onPage3.get(0).get("content").asString()).contains("page 3");
		JsonNode middle = search(READER, "pilot boat freighter breakwater",
				Map.of("page", Map.of("$gte", 2, "$lt", 4), "document_id", "logbook"));
		assertThat(middle).extracting(chunk -> chunk.get("metadata").get("page").asInt())
			.containsExactlyInAnyOrder(2, 3);
		JsonNode notPage1 = search(READER, "pilot boat freighter breakwater",
				Map.of("page", Map.of("$ne", 1), "document_id", "logbook"));
		assertThat(notPage1).extracting(chunk -> chunk.get("metadata").get("page").asInt())
			.containsExactlyInAnyOrder(2, 3, 4);

		Reply markdown = send("PUT", "/documents/field-guide", WRITER, "text/markdown",
				("Field guide\n===========\n\nHow to read this guide.\n\n## Waders\n\nThe curlew probes mud with"
						+ " its long bill.\n\n## Gulls\n\nThe herring gull nests on cliffs and roofs.\n")
					.getBytes(StandardCharsets.UTF_8),
				Map.of("Content-Disposition", "attachment; filename=\"guide.md\""));
		assertThat(markdown.status()).as(markdown.body()).isEqualTo(200);
		JsonNode waders = search(READER, "bird nests and bills", Map.of("section", "Waders"));
		assertThat(waders).singleElement().satisfies(chunk -> {
			assertThat(chunk.get("document_id").asString()).isEqualTo("field-guide");
			assertThat(chunk.get("content").asString()).startsWith("Waders").contains("curlew");
		});
		// The document's own metadata and a chunk's combine in one filter.
		assertThat(search(READER, "bird nests and bills",
				Map.of("$or", List.of(Map.of("section", "Gulls"), Map.of("page", 4)))))
			.extracting(chunk -> chunk.get("document_id").asString() + ":" + chunk.get("metadata").path("section")
				.asString("") + chunk.get("metadata").path("page").asInt(0))
			.contains("field-guide:Gulls0", "logbook:4")
			.doesNotContain("field-guide:Waders0", "logbook:3");
	}

	/** The chunks /search returns for {@code query} under {@code filters}, up to 10. */
	private JsonNode search(String key, String query, Map<String, Object> filters) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("top_k", 10);
		body.put("filters", filters);
		Reply reply = send("POST", "/search", key, "application/json", JSON.writeValueAsBytes(body), Map.of());
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		List<JsonNode> chunks = new ArrayList<>();
		reply.json().get("results").forEach(result -> chunks.add(result.get("chunk")));
		return JSON.valueToTree(chunks);
	}

	@Test
	void aDocxKeepsItsSectionsAndTableRows() {
		byte[] docx = TestFiles.docx(List.of(new String[] { "Installation", "Unpack the archive and run the setup." },
				new String[] { "Troubleshooting", "If the fan rattles, tighten the four housing screws." }),
				List.of(new String[] { "Model", "Voltage" }, new String[] { "KX-200", "230 V" }));
		Reply created = upload(WRITER, "manual", "manual.docx", null, docx, Map.of());
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode source = query(READER, "/search", "fan rattles housing screws").get("results").get(0).get("chunk");
		assertThat(source.get("metadata").get("section").asString()).isEqualTo("Troubleshooting");
		String content = get(READER, "/documents/manual").json().get("content").asString();
		assertThat(content).contains("Model | Voltage").contains("KX-200 | 230 V");
	}

	@Test
	void aRawPutCreatesTheDocumentUnderItsId() {
		Reply put = send("PUT", "/documents/notes-1", WRITER, "text/markdown",
				"# Notes\n\nThe cafeteria opens at seven.".getBytes(StandardCharsets.UTF_8),
				Map.of("Content-Disposition", "attachment; filename=\"notes.md\""));
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		assertThat(put.json().get("documents").get(0).get("id").asString()).isEqualTo("notes-1");
		assertThat(get(READER, "/documents/notes-1").json().get("content").asString()).contains("cafeteria opens");
	}

	@Test
	void anImageIsReadWithOcrAndServedBackToItsTenantOnly() {
		TestFiles.assumeTesseract();
		byte[] png = TestFiles.png("Quarterly revenue grew by eleven percent");
		Reply created = upload(WRITER, "slide", "chart.png", "image/png", png, Map.of());
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode chunk = query(READER, "/search", "quarterly revenue").get("results").get(0).get("chunk");
		assertThat(chunk.get("document_id").asString()).isEqualTo("slide");
		assertThat(chunk.get("content").asString().toLowerCase()).contains("revenue");
		assertThat(chunk.get("metadata").get("modality").asString()).isEqualTo("image");
		String assetUrl = chunk.get("metadata").get("asset_url").asString();
		assertThat(assetUrl).isEqualTo("/documents/slide/assets/1");

		// The vision model's description sits beside the OCR text, pointing at the same image, which it was sent.
		JsonNode captioned = query(READER, "/search", "bar chart rising trend").get("results").get(0).get("chunk");
		assertThat(captioned.get("content").asString()).isEqualTo(CAPTION);
		assertThat(captioned.get("metadata").get("asset_url").asString()).isEqualTo(assetUrl);
		assertThat(sentImages()).contains("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png));

		Reply asset = get(READER, assetUrl);
		assertThat(asset.status()).isEqualTo(200);
		assertThat(asset.contentType()).isEqualTo("image/png");
		assertThat(asset.bytes()).isEqualTo(png);
		// Another tenant learns nothing, whatever the spelling; a key without read scope is refused.
		assertThat(get(OTHER, assetUrl).status()).isEqualTo(404);
		assertThat(get(OTHER, "/documents/slide/assets/01").status()).isEqualTo(404);
		assertThat(get(ADMIN_ONLY, assetUrl).status()).isEqualTo(403);
		assertThat(get(null, assetUrl).status()).isEqualTo(401);
		assertThat(get(READER, "/documents/slide/assets/2").status()).isEqualTo(404);

		assertThat(send("DELETE", "/documents/slide", WRITER, null, null, Map.of()).status()).isEqualTo(204);
		assertThat(get(READER, assetUrl).status()).isEqualTo(404);
	}

	@Test
	void anImageInsideAPdfIsReadOnItsPage() {
		TestFiles.assumeTesseract();
		byte[] pdf = TestFiles.pdfWithImage("Figure one shows the warehouse layout.",
				"Forklift charging station beside loading dock");
		Reply created = upload(WRITER, "warehouse", "warehouse.pdf", "application/pdf", pdf, Map.of());
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode chunk = query(READER, "/search", "forklift charging station").get("results").get(0).get("chunk");
		assertThat(chunk.get("document_id").asString()).isEqualTo("warehouse");
		assertThat(chunk.get("metadata").get("modality").asString()).isEqualTo("image");
		assertThat(chunk.get("metadata").get("page").asInt()).isEqualTo(1);
		assertThat(get(READER, chunk.get("metadata").get("asset_url").asString()).status()).isEqualTo(200);
	}

	@Test
	void badFilesGetClearProblemsAndWriteNothing() {
		Reply unknown = upload(WRITER, "blob", "blob.bin", "application/octet-stream",
				new byte[] { 0, 1, 2, 3, (byte) 0xfe, (byte) 0xff, 7, 9, 0, 0, 42, 17 }, Map.of());
		assertProblem(unknown, 415, "unsupported-media-type");
		assertThat(unknown.json().get("detail").asString()).contains("application/octet-stream");

		Reply corrupt = upload(WRITER, "broken", "broken.pdf", "application/pdf",
				"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage".getBytes(StandardCharsets.US_ASCII),
				Map.of());
		assertProblem(corrupt, 422, "unprocessable-document");

		Reply oversize = upload(WRITER, "huge", "huge.txt", "text/plain", new byte[3 * 1024 * 1024], Map.of());
		assertProblem(oversize, 413, "payload-too-large");

		Reply tooMuchText = upload(WRITER, "long", "long.txt", "text/plain",
				"lorem ipsum ".repeat(40_000).getBytes(StandardCharsets.US_ASCII), Map.of());
		assertProblem(tooMuchText, 413, "payload-too-large");
		assertThat(tooMuchText.json().get("detail").asString()).contains("max-extracted-chars");

		// 40 MB of text that compresses to a few kilobytes: stopped by the text limit, never expanded whole.
		Reply bomb = upload(WRITER, "bomb", "bomb.docx", null, zipBombDocx(), Map.of());
		assertThat(bomb.status()).as(bomb.body()).isIn(413, 422);

		Reply noFile = sendMultipart(WRITER, List.of(new Part("id", null, null, "x".getBytes())));
		assertProblem(noFile, 400, "invalid-request");

		for (String id : List.of("blob", "broken", "huge", "long", "bomb")) {
			assertThat(get(READER, "/documents/" + id).status()).as(id).isEqualTo(404);
		}
	}

	@Test
	void uploadsNeedTheWriteScope() {
		byte[] text = "Scopes apply to files too.".getBytes(StandardCharsets.UTF_8);
		assertThat(upload(READER, "scoped", "s.txt", "text/plain", text, Map.of()).status()).isEqualTo(403);
		assertThat(send("PUT", "/documents/scoped", READER, "text/plain", text, Map.of()).status()).isEqualTo(403);
		assertThat(upload(null, "scoped", "s.txt", "text/plain", text, Map.of()).status()).isEqualTo(401);
		assertThat(upload(OTHER, "scoped", "s.txt", "text/plain", text, Map.of()).status()).isEqualTo(200);
		assertThat(get(READER, "/documents/scoped").status()).isEqualTo(404);
	}

	/**
	 * 200 SciFact abstracts (those judged relevant to the first test queries, then distractors), one per page of a
	 * PDF uploaded as one file, retrieve as well as the same abstracts posted as JSON documents: hit@5 (a relevant
	 * abstract among the first five chunks; a PDF chunk's abstract is its page's) within 5 points. Each side in a
	 * namespace of its own, so BM25 statistics are each side's.
	 */
	@Test
	@RequiresSharedData("datasets/scifact")
	void sciFactAbstractsInAPdfRetrieveAsWellAsTheSameAbstractsAsJson() {
		SciFact.Slice slice = SciFact.slice(150, 200);
		List<SciFact.Doc> docs = slice.docs().subList(0, Math.min(200, slice.docs().size()));
		List<Map<String, Object>> json = new ArrayList<>();
		List<String> pages = new ArrayList<>();
		for (SciFact.Doc doc : docs) {
			String text = TestFiles.helvetica(doc.content());
			json.add(Map.of("id", doc.id(), "content", text));
			pages.add(text);
		}
		for (int from = 0; from < json.size(); from += 100) {
			Reply posted = send("POST", "/documents", SCIFACT_JSON, "application/json",
					JSON.writeValueAsBytes(Map.of("documents", json.subList(from, Math.min(from + 100, json.size())))),
					Map.of());
			assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		}
		byte[] pdf = TestFiles.pdf(pages);
		Reply uploaded = upload(SCIFACT_PDF, "scifact", "scifact.pdf", "application/pdf", pdf, Map.of());
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);

		int jsonHits = 0;
		int pdfHits = 0;
		int judged = 0;
		for (Map.Entry<String, String> query : slice.queries().entrySet()) {
			java.util.Set<String> relevant = slice.qrels().get(query.getKey());
			if (docs.stream().noneMatch((doc) -> relevant.contains(doc.id()))) {
				continue;
			}
			judged++;
			Map<String, Object> body = Map.of("query", query.getValue(), "top_k", 5);
			JsonNode jsonResults = send("POST", "/search", SCIFACT_JSON, "application/json",
					JSON.writeValueAsBytes(body), Map.of()).json().get("results");
			JsonNode pdfResults = send("POST", "/search", SCIFACT_PDF, "application/json",
					JSON.writeValueAsBytes(body), Map.of()).json().get("results");
			boolean jsonHit = false;
			for (JsonNode result : jsonResults) {
				jsonHit |= relevant.contains(result.get("chunk").get("document_id").asString());
			}
			boolean pdfHit = false;
			for (JsonNode result : pdfResults) {
				int page = result.get("chunk").get("metadata").get("page").asInt();
				pdfHit |= relevant.contains(docs.get(page - 1).id());
			}
			jsonHits += jsonHit ? 1 : 0;
			pdfHits += pdfHit ? 1 : 0;
		}
		double jsonRate = jsonHits / (double) judged;
		double pdfRate = pdfHits / (double) judged;
		System.out.printf("SciFact hit@5 over %d queries, %d abstracts: JSON %.3f, PDF %.3f%n", judged, docs.size(),
				jsonRate, pdfRate);
		assertThat(judged).isGreaterThan(100);
		assertThat(pdfRate).isGreaterThanOrEqualTo(jsonRate - 0.05);
	}

	/** The image URLs of the caption requests the vision model has received so far. */
	private static List<String> sentImages() {
		List<String> urls = new ArrayList<>();
		RecordedRequest request;
		try {
			while ((request = VISION.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
				JsonNode body = JSON.readTree(request.getBody().utf8());
				urls.add(body.path("messages").path(0).path("content").path(1).path("image_url").path("url").asString());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return urls;
	}

	private static void assertProblem(Reply reply, int status, String type) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("type").asString()).isEqualTo("urn:ragwell:problem:" + type);
		assertThat(reply.json().get("detail").asString()).isNotBlank();
	}

	static byte[] zipBombDocx() {
		try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
					+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
					+ "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
				.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("_rels/.rels"));
			zip.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
					+ "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
				.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			zip.write(("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
				.getBytes(StandardCharsets.UTF_8));
			byte[] block = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".repeat(1024)
				.getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < 640; i++) {
				zip.write(block);
			}
			zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.finish();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	// ------------------------------------------------------------------------------------------------ HTTP

	record Part(String name, String filename, String contentType, byte[] body) {
	}

	record Reply(int status, String contentType, byte[] bytes) {

		String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JSON.readTree(body());
		}

	}

	private Reply upload(String key, String id, String filename, String contentType, byte[] file,
			Map<String, Object> metadata) {
		List<Part> parts = new ArrayList<>();
		parts.add(new Part("file", filename, (contentType != null) ? contentType : "application/octet-stream", file));
		parts.add(new Part("id", null, null, id.getBytes(StandardCharsets.UTF_8)));
		if (!metadata.isEmpty()) {
			parts.add(new Part("metadata", null, "application/json", JSON.writeValueAsBytes(metadata)));
		}
		return sendMultipart(key, parts);
	}

	private Reply sendMultipart(String key, List<Part> parts) {
		String boundary = "ragwell-test-boundary-7f3a";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Part part : parts) {
			StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
					+ part.name() + "\"");
			if (part.filename() != null) {
				head.append("; filename=\"").append(part.filename()).append('"');
			}
			head.append("\r\n");
			if (part.contentType() != null) {
				head.append("Content-Type: ").append(part.contentType()).append("\r\n");
			}
			head.append("\r\n");
			body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
			body.writeBytes(part.body());
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send("POST", "/documents", key, "multipart/form-data; boundary=" + boundary, body.toByteArray(),
				Map.of());
	}

	private Reply get(String key, String path) {
		return send("GET", path, key, null, null, Map.of());
	}

	private JsonNode query(String key, String path, String query) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("top_k", 3);
		Reply reply = send("POST", path, key, "application/json", JSON.writeValueAsBytes(body), Map.of());
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return reply.json();
	}

	private Reply send(String method, String path, String key, String contentType, byte[] body,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofMinutes(10))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
