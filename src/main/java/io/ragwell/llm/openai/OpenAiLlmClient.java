package io.ragwell.llm.openai;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.ragwell.core.ChatTurn;
import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmException;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.Remote;
import io.ragwell.remote.ModelsEndpointProbe;
import io.ragwell.remote.RemoteHttp;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers through any OpenAI-compatible {@code /chat/completions} endpoint: OpenAI, Ollama's {@code /v1},
 * vLLM, llama.cpp's {@code llama-server}.
 * <p>
 * The model is told to answer only from the numbered context and to cite it as {@code [n]}. Failures become
 * {@link LlmException}s that say whether a retry can help and how long the provider asked to wait; retrying
 * itself is left to the resilience layer around this client. Neither the API key nor any document or
 * question text is logged above debug level.
 */
public final class OpenAiLlmClient implements LlmClient, Remote, AutoCloseable {

	/** Instructions sent as the system message of every request. */
	static final String SYSTEM_PROMPT = """
			You answer questions using only the numbered context passages you are given. \
			Cite the passage each statement comes from by its number in square brackets, like [1] or [2][3]. \
			If the context does not contain the answer, say that the indexed documents do not contain it \
			instead of using outside knowledge, and never cite a passage that does not support the statement.""";

	private static final Logger logger = LoggerFactory.getLogger(OpenAiLlmClient.class);

	/** A health probe must answer quickly whatever the generation timeout is. */
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

	private final HttpUrl baseUrl;

	private final HttpUrl chatUrl;

	private final HttpUrl modelsUrl;

	private final @Nullable String apiKey;

	private final String model;

	private final int maxTokens;

	private final double temperature;

	private final Duration timeout;

	private final OkHttpClient http;

	private final OkHttpClient streamHttp;

	private final Duration streamReadTimeout;

	private final OkHttpClient healthHttp;

	private final JsonMapper json;

	private final OpenAiErrors errors;

	public OpenAiLlmClient(LlmProperties properties) {
		this(properties, Clock.systemUTC());
	}

	OpenAiLlmClient(LlmProperties properties, Clock clock) {
		this.baseUrl = RemoteHttp.baseUrl(properties.baseUrl(),
				"ragwell.llm.base-url must be an http(s) URL including /v1, e.g. http://localhost:11434/v1");
		this.chatUrl = this.baseUrl.newBuilder().addPathSegments("chat/completions").build();
		this.modelsUrl = this.baseUrl.newBuilder().addPathSegment("models").build();
		String key = properties.apiKey();
		this.apiKey = (key == null || key.isBlank()) ? null : key.strip();
		this.model = properties.model();
		this.maxTokens = properties.maxTokens();
		this.temperature = properties.temperature();
		this.timeout = properties.timeout();
		// callTimeout bounds the whole exchange, streaming included; read/write timeouts alone would let a
		// server that trickles bytes hold a request thread forever.
		this.http = RemoteHttp.client(this.timeout);
		// A stream sends bytes all along, so it can watch for silence: a server that stalls mid-answer is given
		// up after streamReadTimeout instead of holding the reader until the whole call's timeout. Not for the
		// blocking call, whose server is silent until the answer is complete.
		this.streamReadTimeout = min(properties.streamReadTimeout(), this.timeout);
		this.streamHttp = this.http.newBuilder().readTimeout(this.streamReadTimeout).build();
		Duration healthTimeout = min(this.timeout, HEALTH_TIMEOUT);
		this.healthHttp = RemoteHttp.probeClient(this.http, healthTimeout);
		this.json = JsonMapper.builder().build();
		this.errors = new OpenAiErrors(this.json, this.apiKey, clock);
	}

	@Override
	public String resilienceInstance() {
		return "llm";
	}

	@Override
	public LlmAnswer generate(LlmRequest request) {
		Request httpRequest = chatRequest(request, false);
		try (Response response = this.http.newCall(httpRequest).execute()) {
			String body = response.body().string();
			if (!response.isSuccessful()) {
				throw failed(this.errors.fromResponse(response.code(), response.headers(), body), response);
			}
			return parseCompletion(body, response);
		}
		catch (IOException ex) {
			throw failed(this.errors.fromIo(ex, this.timeout), null);
		}
	}

	/** One user message, no system prompt: the answering instructions would fight an expansion prompt. */
	@Override
	public LlmAnswer complete(String prompt) {
		ObjectNode body = this.json.createObjectNode();
		body.put("model", this.model);
		body.putArray("messages").addObject().put("role", "user").put("content", prompt);
		body.put("temperature", this.temperature);
		body.put("max_tokens", this.maxTokens);
		Request httpRequest = authorised(new Request.Builder().url(this.chatUrl)
			.post(RequestBody.create(this.json.writeValueAsString(body), RemoteHttp.JSON))
			.header("Accept", "application/json")).build();
		try (Response response = this.http.newCall(httpRequest).execute()) {
			String responseBody = response.body().string();
			if (!response.isSuccessful()) {
				throw failed(this.errors.fromResponse(response.code(), response.headers(), responseBody), response);
			}
			return parseCompletion(responseBody, response);
		}
		catch (IOException ex) {
			throw failed(this.errors.fromIo(ex, this.timeout), null);
		}
	}

	private LlmAnswer parseCompletion(String body, Response response) {
		JsonNode root = readJson(body, response.code());
		JsonNode choice = root.path("choices").path(0);
		String content = OpenAiErrors.string(choice.path("message").path("content"));
		if (content == null) {
			// A null content means tool calls or a refusal, neither of which this service asks for.
			throw failed(new LlmException("LLM endpoint returned no answer text (finish_reason "
					+ OpenAiErrors.string(choice.path("finish_reason")) + ")", response.code(), false, "no_content",
					null), response);
		}
		warnIfTruncated(OpenAiErrors.string(choice.path("finish_reason")));
		JsonNode usage = root.path("usage");
		LlmAnswer answer = new LlmAnswer(content, intOrZero(usage.path("prompt_tokens")),
				intOrZero(usage.path("completion_tokens")));
		logger.debug("LLM answered: model={} promptTokens={} completionTokens={} requestId={}", this.model,
				answer.promptTokens(), answer.completionTokens(), response.header("x-request-id"));
		return answer;
	}

	/**
	 * Streams with {@code stream_options.include_usage}, so the last chunk before {@code [DONE]} carries the
	 * token counts. Reads the body line by line as it arrives rather than buffering it. Interrupting the calling
	 * thread cancels the call: the connection is closed, so the server stops generating.
	 */
	@Override
	public LlmAnswer stream(LlmRequest request, Consumer<String> onDelta) {
		Request httpRequest = chatRequest(request, true);
		Call call = this.streamHttp.newCall(httpRequest);
		// A socket read on a virtual thread (request threads, resilience attempts) ends at once when the thread is
		// interrupted, closing the socket; on a platform thread the reader notices at the next chunk.
		try (Response response = call.execute()) {
			if (!response.isSuccessful()) {
				throw failed(this.errors.fromResponse(response.code(), response.headers(), response.body().string()),
						response);
			}
			return readStream(response, onDelta);
		}
		catch (IOException ex) {
			if (Thread.currentThread().isInterrupted() || call.isCanceled()) {
				throw cancelled(ex);
			}
			throw failed(this.errors.fromIo(ex, (ex instanceof java.net.SocketTimeoutException)
					? this.streamReadTimeout : this.timeout), null);
		}
	}

	/** The caller gave up on the answer: not the provider's failure, so nothing to retry or count against it. */
	private static LlmException cancelled(IOException ex) {
		logger.debug("LLM stream cancelled by its caller");
		return new LlmException("LLM stream cancelled by the caller", 0, false, "cancelled", ex);
	}

	private LlmAnswer readStream(Response response, Consumer<String> onDelta) throws IOException {
		StringBuilder text = new StringBuilder();
		@Nullable JsonNode usage = null;
		@Nullable String finishReason = null;
		boolean done = false;
		BufferedSource source = response.body().source();
		String line;
		// readUtf8Line accepts both \n and \r\n endings.
		while (!done && (line = source.readUtf8Line()) != null) {
			if (Thread.currentThread().isInterrupted()) {
				throw new java.io.InterruptedIOException("interrupted while streaming");
			}
			if (!line.startsWith("data:")) {
				continue; // blank separators, ": keep-alive" comments, event:/id:/retry: fields
			}
			String data = line.substring(5).strip();
			if (data.equals("[DONE]")) {
				done = true;
				continue;
			}
			if (data.isEmpty()) {
				continue;
			}
			JsonNode chunk = readJson(data, response.code());
			if (chunk.has("error")) {
				throw failed(this.errors.fromStreamError(chunk), response);
			}
			JsonNode choices = chunk.path("choices");
			// The usage chunk has "choices": [], so never assume a first choice exists.
			if (choices.isArray() && !choices.isEmpty()) {
				JsonNode choice = choices.get(0);
				String delta = OpenAiErrors.string(choice.path("delta").path("content"));
				if (delta != null && !delta.isEmpty()) {
					text.append(delta);
					onDelta.accept(delta);
				}
				String reason = OpenAiErrors.string(choice.path("finish_reason"));
				if (reason != null) {
					finishReason = reason;
				}
			}
			if (chunk.path("usage").isObject()) {
				usage = chunk.get("usage");
			}
		}
		if (!done) {
			// The answer is cut short and its usage chunk never came: a partial answer is not an answer.
			throw failed(new LlmException("LLM stream ended before [DONE] after " + text.length() + " characters", 0,
					true, "stream_truncated", null), response);
		}
		warnIfTruncated(finishReason);
		if (usage == null) {
			// Servers that ignore include_usage; zero is the best LlmAnswer can say, so note it.
			logger.debug("LLM stream carried no usage chunk; token counts reported as 0 (requestId={})",
					response.header("x-request-id"));
			return new LlmAnswer(text.toString(), 0, 0);
		}
		return new LlmAnswer(text.toString(), intOrZero(usage.path("prompt_tokens")),
				intOrZero(usage.path("completion_tokens")));
	}

	private Request chatRequest(LlmRequest request, boolean stream) {
		ObjectNode body = this.json.createObjectNode();
		body.put("model", this.model);
		ArrayNode messages = body.putArray("messages");
		messages.addObject().put("role", "system").put("content", SYSTEM_PROMPT);
		// Earlier turns before the question, so the model follows the conversation; the context goes with the
		// question only, since it was retrieved for it.
		for (ChatTurn turn : request.history()) {
			messages.addObject().put("role", turn.role().wireName()).put("content", turn.content());
		}
		messages.addObject().put("role", "user").put("content", userMessage(request));
		body.put("temperature", this.temperature);
		// max_tokens rather than max_completion_tokens: it is what Ollama, vLLM and llama.cpp accept.
		body.put("max_tokens", this.maxTokens);
		if (stream) {
			body.put("stream", true);
			body.putObject("stream_options").put("include_usage", true);
		}
		Request.Builder builder = new Request.Builder().url(this.chatUrl)
			.post(RequestBody.create(this.json.writeValueAsString(body), RemoteHttp.JSON))
			.header("Accept", stream ? "text/event-stream" : "application/json");
		return authorised(builder).build();
	}

	static String userMessage(LlmRequest request) {
		return "Context:\n" + request.context() + "\n\nQuestion: " + request.question();
	}

	/** Keyless servers (Ollama, vLLM) get no Authorization header at all rather than an empty bearer. */
	private Request.Builder authorised(Request.Builder builder) {
		return RemoteHttp.with(builder, RemoteHttp.bearer(this.apiKey));
	}

	/** {@code GET {base-url}/models}: cheap, authenticated, and costs no tokens. Never throws. */
	@Override
	public Health healthCheck() {
		Request request = authorised(new Request.Builder().url(this.modelsUrl).get()).build();
		return ModelsEndpointProbe.probe(this.healthHttp, request, this.baseUrl, Map.of("provider", provider(), "model", this.model));
	}

	/** The base URL without any user info, safe to show on the health endpoint. */
	private String endpoint() {
		return ModelsEndpointProbe.redacted(this.baseUrl);
	}

	private JsonNode readJson(String body, int status) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new LlmException("LLM endpoint sent a response that is not JSON (HTTP " + status + ")", status,
					false, "invalid_response", null, ex);
		}
	}

	private LlmException failed(LlmException ex, @Nullable Response response) {
		// Status and code only: provider messages can quote the prompt, so they stay at debug.
		logger.warn("LLM call failed: endpoint={} status={} code={} retryable={} retryAfter={} requestId={}",
				endpoint(), ex.status(), ex.code(), ex.retryable(), ex.retryAfter(),
				(response != null) ? response.header("x-request-id") : null);
		logger.debug("LLM failure detail: {}", ex.getMessage());
		return ex;
	}

	private void warnIfTruncated(@Nullable String finishReason) {
		if ("length".equals(finishReason)) {
			logger.warn("LLM answer was cut off at max_tokens={}; raise ragwell.llm.max-tokens if this recurs",
					this.maxTokens);
		}
	}

	private static int intOrZero(JsonNode node) {
		return node.isIntegralNumber() ? node.intValue() : 0;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public String provider() {
		return "openai";
	}

	@Override
	public String model() {
		return this.model;
	}

	/** Stops the dispatcher's threads and drops pooled connections; Spring calls this on shutdown. */
	@Override
	public void close() {
		RemoteHttp.close(this.http);
	}

}
