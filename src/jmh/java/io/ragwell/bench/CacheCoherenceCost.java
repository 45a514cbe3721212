package io.ragwell.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.query.cache.CacheProperties;
import io.ragwell.query.cache.ResponseCache;
import io.ragwell.store.opensearch.OpenSearchGenerations;
import io.ragwell.store.opensearch.OpenSearchProperties;
import io.ragwell.store.opensearch.OpenSearchVectorStore;

import org.springframework.util.unit.DataSize;

/**
 * What the cross-replica cache check costs a cached request: the response cache's lookup (key + get of a warm
 * entry) with the in-process generation only, and with OpenSearch's shared generation read through its 500 ms
 * local copy; plus the real-time GET that refreshes the copy (once per namespace per TTL per replica), so the
 * amortised cost at a given request rate can be worked out. Needs a running OpenSearch:
 *
 * <pre>
 * source "$(.ci/opensearch --env-file)"
 * java -cp target/test-classes:target/classes:$(cat target/bench/classpath.txt) io.ragwell.bench.CacheCoherenceCost
 * </pre>
 */
public final class CacheCoherenceCost {

	private CacheCoherenceCost() {
	}

	public static void main(String[] args) {
		String url = System.getenv().getOrDefault("RAGWELL_OPENSEARCH_URL", "http://127.0.0.1:9299");
		String index = "ragwell-bench-" + UUID.randomUUID();
		CacheProperties cacheProperties = new CacheProperties(true, DataSize.ofMegabytes(64), Duration.ofMinutes(10),
				1000, Duration.ofHours(1));
		System.out.printf(Locale.ROOT, "load average %s; %d cores%n", loadAverage(),
				Runtime.getRuntime().availableProcessors());
		try (OpenSearchVectorStore store = new OpenSearchVectorStore(
				new OpenSearchProperties(url, index, null, null, Duration.ofSeconds(10), Duration.ofMillis(500)), 8, 60)) {
			OpenSearchGenerations shared = new OpenSearchGenerations(store, Duration.ofMillis(500));
			shared.advance("default"); // creates the generations index and the namespace's document
			ResponseCache local = new ResponseCache(cacheProperties, new SimpleMeterRegistry());
			ResponseCache coherent = new ResponseCache(cacheProperties, new SimpleMeterRegistry(), shared);
			for (int round = 1; round <= 3; round++) {
				double localNanos = hitNanos(local, 2_000_000);
				double coherentNanos = hitNanos(coherent, 2_000_000);
				System.out.printf(Locale.ROOT,
						"round %d: cached request lookup %.0f ns in-process only, %.0f ns with the shared generation"
								+ " (+%.0f ns)%n",
						round, localNanos, coherentNanos, coherentNanos - localNanos);
			}
			// The refresh: a real-time GET, paid once per namespace per 500 ms per replica.
			OpenSearchGenerations uncached = new OpenSearchGenerations(store, Duration.ZERO);
			long[] micros = new long[300];
			for (int i = 0; i < micros.length; i++) {
				long start = System.nanoTime();
				uncached.current("default");
				micros[i] = (System.nanoTime() - start) / 1000;
			}
			Arrays.sort(micros);
			double median = micros[micros.length / 2] / 1000.0;
			System.out.printf(Locale.ROOT, "refresh (real-time GET of the generation): median %.2f ms, p99 %.2f ms%n",
					median, micros[micros.length * 99 / 100] / 1000.0);
			System.out.printf(Locale.ROOT,
					"amortised: one refresh per 500 ms per namespace per replica = %.2f ms of GET per second,"
							+ " whatever the request rate (at 100 cached req/s: %.1f us per request)%n",
					2 * median, 2 * median * 1000 / 100);
			System.out.printf(Locale.ROOT, "advance (a write's extra index request): median %.2f ms%n",
					advanceMillis(shared));
		}
		finally {
			delete(url, index);
		}
	}

	private static double hitNanos(ResponseCache cache, int lookups) {
		ResponseCache.Key warm = cache.key("default", "search", "what is a tardigrade", 5, "", "hybrid");
		cache.put(warm, "cached answer");
		long found = 0;
		long start = System.nanoTime();
		for (int i = 0; i < lookups; i++) {
			ResponseCache.Key key = cache.key("default", "search", "what is a tardigrade", 5, "", "hybrid");
			if (cache.get(key) != null) {
				found++;
			}
		}
		long elapsed = System.nanoTime() - start;
		if (found < lookups * 0.99) {
			// An expired copy mid-loop re-reads the generation; a changed one would make every lookup a miss.
			System.out.printf(Locale.ROOT, "  (only %d of %d lookups hit)%n", found, lookups);
		}
		return (double) elapsed / lookups;
	}

	private static double advanceMillis(OpenSearchGenerations shared) {
		long[] micros = new long[100];
		for (int i = 0; i < micros.length; i++) {
			long start = System.nanoTime();
			shared.advance("default");
			micros[i] = (System.nanoTime() - start) / 1000;
		}
		Arrays.sort(micros);
		return micros[micros.length / 2] / 1000.0;
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	private static void delete(String url, String index) {
		try {
			java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/" + index + "," + index + "-*"))
					.DELETE()
					.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
		}
		catch (java.io.IOException ex) {
			// best effort
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
