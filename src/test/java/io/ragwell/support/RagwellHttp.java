package io.ragwell.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal JSON client over the JDK's HttpClient, for tests that drive the real server. */
public final class RagwellHttp {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public RagwellHttp(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

	public Response post(String path, Object body) {
		return send("POST", path, (body instanceof String s) ? s : JSON.writeValueAsString(body),
				Map.of("Content-Type", "application/json"));
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofMinutes(2))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(""), response.body(), response.headers());
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
