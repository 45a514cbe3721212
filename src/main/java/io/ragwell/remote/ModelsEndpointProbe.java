package io.ragwell.remote;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import io.ragwell.core.Health;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The health check of an OpenAI-compatible endpoint: a cheap authorised {@code GET /models}. Nothing escapes
 * as an exception, and the endpoint is shown without any user info it may carry.
 */
public final class ModelsEndpointProbe {

	private ModelsEndpointProbe() {
	}

	/**
	 * @param http client with a short timeout, used only for probes
	 * @param request the authorised {@code GET {base-url}/models}
	 * @param baseUrl the endpoint root, shown (redacted) in the details
	 * @param upDetails what to report when the endpoint answers 2xx; the endpoint is added
	 * @return up on 2xx; down with the status, or with the failure's class name when unreachable
	 */
	public static Health probe(OkHttpClient http, Request request, HttpUrl baseUrl, Map<String, Object> upDetails) {
		String endpoint = redacted(baseUrl);
		try (Response response = http.newCall(request).execute()) {
			if (response.isSuccessful()) {
				Map<String, Object> details = new HashMap<>(upDetails);
				details.put("endpoint", endpoint);
				return Health.up(details);
			}
			return new Health(false, Map.of("reason", "HTTP " + response.code() + " from " + endpoint + "/models",
					"status", response.code(), "endpoint", endpoint));
		}
		catch (IOException | RuntimeException ex) {
			return new Health(false,
					Map.of("reason", "unreachable: " + ex.getClass().getSimpleName(), "endpoint", endpoint));
		}
	}

	/** The URL without user info, safe for logs and the health endpoint. */
	public static String redacted(HttpUrl url) {
		return url.newBuilder().username("").password("").build().toString();
	}

}
