package io.ragwell.store.opensearch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore.Upsert;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.support.OpenSearchServer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write's clean-up (deleting the replaced version's chunks) is best effort and bounded: when OpenSearch answers
 * the {@code _delete_by_query} late, the committed write still returns, instead of waiting out the store's
 * timeout inside the {@code vector-store} time limiter and answering 503 (the soak's 391 of 10,800). A proxy in
 * front of the real server ({@code .ci/opensearch}) forwards every call and holds back the answer of each
 * {@code _delete_by_query}; the deletion itself happens on the server at once.
 */
class OpenSearchCleanUpIT {

	private static final long HELD_BACK_SECONDS = 8;

	private final OkHttpClient forward = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

	private final AtomicInteger deletesAnswered = new AtomicInteger();

	private final AtomicInteger deletesSeen = new AtomicInteger();

	private MockWebServer proxy;

	private String index;

	private OpenSearchVectorStore store;

	@BeforeEach
	void start() throws IOException {
		String target = OpenSearchServer.url();
		this.proxy = new MockWebServer();
		this.proxy.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return OpenSearchCleanUpIT.this.forward(target, request);
			}
		});
		this.proxy.start();
		this.index = OpenSearchServer.uniqueIndex("ragwell-cleanup");
		this.store = new OpenSearchVectorStore(new OpenSearchProperties(this.proxy.url("/").toString(), this.index,
				null, null, Duration.ofSeconds(30), Duration.ofMillis(500)), 4, ReciprocalRankFusion.DEFAULT_K);
	}

	@AfterEach
	void stop() throws IOException {
		if (this.store != null) {
			this.store.close();
			OpenSearchServer.deleteIndex(this.index);
		}
		// Null when OpenSearch is absent: OpenSearchServer.url() skipped the test before the proxy started.
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	private MockResponse forward(String target, RecordedRequest request) {
		boolean deleteByQuery = request.getUrl().encodedPath().endsWith("/_delete_by_query");
		String query = request.getUrl().encodedQuery();
		Request.Builder call = new Request.Builder()
			.url(target.replaceAll("/$", "") + request.getUrl().encodedPath() + ((query != null) ? "?" + query : ""));
		String method = request.getMethod();
		byte[] body = (request.getBody() != null) ? request.getBody().toByteArray() : new byte[0];
		String type = request.getHeaders().get("Content-Type");
		boolean hasBody = !"GET".equals(method) && !"HEAD".equals(method) && !"DELETE".equals(method) || body.length > 0;
		call.method(method, hasBody ? RequestBody.create(body, (type != null) ? MediaType.get(type) : null) : null);
		try (Response response = this.forward.newCall(call.build()).execute()) {
			MockResponse.Builder answer = new MockResponse.Builder().code(response.code())
				.body(response.body().string())
				.setHeader("Content-Type", response.header("Content-Type", "application/json"));
			if (deleteByQuery) {
				this.deletesSeen.incrementAndGet();
				// Deleted on the server already; only the answer is late, as under a loaded cluster. (Each
				// connection has its own dispatching thread: other calls are not held up.)
				Thread.sleep(TimeUnit.SECONDS.toMillis(HELD_BACK_SECONDS));
				this.deletesAnswered.incrementAndGet();
			}
			return answer.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new MockResponse.Builder().code(503).build();
		}
		catch (IOException ex) {
			return new MockResponse.Builder().code(502).body(ex.toString()).build();
		}
	}

	@Test
	void aCommittedWriteReturnsThoughItsCleanUpIsAnsweredLate() {
		Document first = document("v1");
		this.store.upsertAll(List.of(new Upsert(first, List.of(chunk(first, 0, "old glacier notes", 1f)))));
		int seenBefore = this.deletesSeen.get();

		Document second = document("v2");
		this.store.upsertAll(List.of(new Upsert(second, List.of(chunk(second, 0, "new river notes", 0.5f),
				chunk(second, 1, "new delta notes", 0.25f)))));

		// The write sent its clean-up and returned before the clean-up's answer came: nothing waited for it.
		assertThat(this.deletesSeen.get()).isGreaterThan(seenBefore);
		assertThat(this.deletesAnswered.get()).isLessThan(this.deletesSeen.get());
		// Committed: the new version is what reads and searches see, the old one nowhere.
		assertThat(this.store.findDocument("ns", "doc").orElseThrow().chunks())
			.extracting((embedded) -> embedded.chunk().content())
			.containsExactly("new river notes", "new delta notes");
		List<SearchResult> hits = this.store.search(new SearchRequest("ns", null, "notes", 10, null,
				SearchMode.SPARSE, 10));
		assertThat(hits).extracting((hit) -> hit.chunk().content())
			.containsExactlyInAnyOrder("new river notes", "new delta notes");
	}

	private static Document document(String content) {
		Instant now = Instant.parse("2026-01-02T03:04:05Z");
		return new Document("doc", "ns", content, Map.of(), null, now, now);
	}

	private static EmbeddedChunk chunk(Document document, int position, String text, float x) {
		float y = (float) Math.sqrt(1 - x * x);
		return new EmbeddedChunk(new Chunk(Chunk.idFor(document.id(), position), document.id(), text, position,
				document.metadata(), text.split(" ").length, document.source(), "hash-" + text.hashCode()),
				new float[] { x, y, 0, 0 });
	}

}
