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

	/** One part of a multipart/form-data body: a field when {@code filename} is null, else a file. */
	public record Part(String name, @org.jspecify.annotations.Nullable String filename,
			@org.jspecify.annotations.Nullable String contentType, byte[] bytes) {

		public static Part field(String name, String value) {
			return new Part(name, null, null, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

	}

	/** A multipart/form-data POST, binary parts sent as they are. */
	public Response postMultipart(String path, java.util.List<Part> parts, Map<String, String> headers) {
		String boundary = "ragwell-test-" + Long.toHexString(System.nanoTime());
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		for (Part part : parts) {
			StringBuilder head = new StringBuilder("--").append(boundary)
				.append("\r\nContent-Disposition: form-data; name=\"").append(part.name()).append('"');
			if (part.filename() != null) {
				head.append("; filename=\"").append(part.filename()).append('"');
			}
			head.append("\r\n");
			if (part.contentType() != null) {
				head.append("Content-Type: ").append(part.contentType()).append("\r\n");
			}
			body.writeBytes(head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			body.writeBytes(part.bytes());
			body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		Map<String, String> all = new java.util.LinkedHashMap<>(headers);
		all.put("Content-Type", "multipart/form-data; boundary=" + boundary);
		return sendBody("POST", path, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), all);
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response send(String method, String path, String body, Map<String, String> headers) {
		return sendBody(method, path, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody(), headers);
	}

	private Response sendBody(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofMinutes(2))
			.method(method, body);
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
