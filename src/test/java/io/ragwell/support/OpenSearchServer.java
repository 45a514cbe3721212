package io.ragwell.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The real OpenSearch server the OpenSearch tests run against, at {@code RAGWELL_OPENSEARCH_URL} (started by
 * {@code .ci/opensearch}). Without that variable the tests are skipped with a message, except under
 * {@code CI=true}, where it is a failure. Each test class works in its own, uniquely named index and
 * deletes it afterwards.
 */
public final class OpenSearchServer {

	public static final String URL_VARIABLE = "RAGWELL_OPENSEARCH_URL";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private OpenSearchServer() {
	}

	/** The server's base URL, or the test is skipped (failed under CI) when none is configured. */
	public static String url() {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return url.strip();
		}
		String message = URL_VARIABLE + " is not set, so there is no OpenSearch server to test against"
				+ " (start one with .ci/opensearch and export the variable it prints)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + "; under CI=true this is a failure, not a skip");
		}
		Assumptions.abort(message);
		return "";
	}

	/** A fresh index name, so concurrent or crashed runs never share state. */
	public static String uniqueIndex(String prefix) {
		return (prefix + "-" + UUID.randomUUID()).toLowerCase(Locale.ROOT);
	}

	/** Sends a request straight to the server (for test setup the store itself cannot do); returns the body. */
	public static Response send(String method, String path, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
			.method(method, (json == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot reach OpenSearch at " + url(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * Deletes the index and every index the store made from it: namespace indices ({@code <index>-ns-*},
	 * {@code -nsx-*}), write generations and idempotency records ({@code <index>-generations}, …).
	 */
	public static void deleteIndex(String index) {
		send("DELETE", "/" + index + "," + index + "-*?ignore_unavailable=true", null);
	}

	/** {@link #deleteIndex} on another server (a test's own instance); never fails. */
	public static void deleteIndexAt(String baseUrl, String index) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(baseUrl + "/" + index + "," + index + "-*?ignore_unavailable=true"))
			.DELETE()
			.build();
		try {
			HTTP.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			// the server is down: nothing to clean
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public record Response(int status, String body) {
	}

}
