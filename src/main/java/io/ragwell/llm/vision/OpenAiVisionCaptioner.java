package io.ragwell.llm.vision;

import java.time.Clock;
import java.util.Base64;

import io.ragwell.core.ImageCaptioner;
import io.ragwell.core.Remote;
import io.ragwell.remote.RemoteHttp;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Captions through {@code /chat/completions}: one user message holding the prompt and the image as an
 * {@code image_url} content part with a base64 {@code data:} URL (the image never leaves this request). Failures
 * are {@link io.ragwell.core.RemoteCallException}s of service {@code vision}; retries, circuit breaker and time
 * limit come from the resilience layer ({@code resilience4j.*.instances.vision}).
 */
public final class OpenAiVisionCaptioner implements ImageCaptioner, Remote, AutoCloseable {

	private final HttpUrl chatUrl;

	private final VisionProperties properties;

	private final OkHttpClient client;

	private final RemoteHttp http;

	private final JsonMapper json = JsonMapper.builder().build();

	public OpenAiVisionCaptioner(VisionProperties properties) {
		this.properties = properties;
		HttpUrl base = RemoteHttp.baseUrl(properties.baseUrl(),
				"ragwell.vision.base-url must be an http(s) URL including /v1, e.g. http://localhost:11434/v1");
		this.chatUrl = RemoteHttp.url(base, "chat", "completions");
		this.client = RemoteHttp.client(properties.timeout());
		this.http = new RemoteHttp("vision", "vision model", this.client, this.json,
				RemoteHttp.bearer(properties.apiKey()), properties.apiKey(), Clock.systemUTC());
	}

	@Override
	public String resilienceInstance() {
		return "vision";
	}

	@Override
	public String caption(byte[] image, String contentType) {
		ObjectNode body = this.json.createObjectNode();
		body.put("model", this.properties.model());
		body.put("max_tokens", this.properties.maxTokens());
		body.put("temperature", 0.0);
		ObjectNode message = body.putArray("messages").addObject();
		message.put("role", "user");
		var content = message.putArray("content");
		content.addObject().put("type", "text").put("text", this.properties.prompt());
		content.addObject()
			.put("type", "image_url")
			.putObject("image_url")
			.put("url", "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(image));
		Request request = this.http.request(this.chatUrl).post(this.http.body(body)).build();
		JsonNode reply = this.http.call(request, "caption");
		JsonNode text = reply.path("choices").path(0).path("message").path("content");
		if (!text.isString()) {
			throw this.http.failedInside("caption", "the reply has no choices[0].message.content");
		}
		return text.asString().strip();
	}

	@Override
	public void close() {
		RemoteHttp.close(this.client);
	}

}
