package io.ragwell.ops.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Embedder;
import io.ragwell.core.ForwardingVectorStore;
import io.ragwell.core.Health;
import io.ragwell.core.ListFusion;
import io.ragwell.core.LlmClient;
import io.ragwell.core.Remote;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused search passes through the real decorator chain (metered outside resilient) to the store's own
 * implementation: a decorator that forgot it would fall back to the port's default, two plain searches,
 * which is the slow path for stores that fuse themselves.
 */
class VectorStoreWrapperChainTests {

	private final ApplicationContextRunner runner = DecoratedPorts.runner(Ports.class);

	@Test
	void fusedSearchReachesTheStoreThroughEveryDecoratorAndIsTimedAsOneHybridSearch() {
		this.runner.run((context) -> {
			VectorStore store = context.getBean(VectorStore.class);
			SpyStore spy = context.getBean(Ports.class).spy;
			assertThat(chain(store)).containsExactly("MeteredVectorStore", "ResilientVectorStore", "SpyStore");

			ListFusion fusion = new FusionSettings(Fusion.WEIGHTED, 0.5, 60, 10, 10).function();
			SearchRequest dense = new SearchRequest("default", new float[] { 1, 0 }, "q", 10, null, SearchMode.DENSE, 10);
			SearchRequest sparse = new SearchRequest("default", null, "q", 10, null, SearchMode.SPARSE, 10);
			List<SearchResult> results = store.searchFused(dense, sparse, 3, fusion);

			assertThat(results).isSameAs(SpyStore.FUSED);
			assertThat(spy.fused).hasValue(1);
			assertThat(spy.searches).hasValue(0);
			assertThat(spy.fusions).containsExactly(fusion);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(RagMetrics.SEARCH).tag("mode", "hybrid").timer().count()).isEqualTo(1);
			assertThat(registry.get(RagMetrics.SEARCH).tag("mode", "dense").timer().count()).isZero();
		});
	}

	private static List<String> chain(VectorStore store) {
		List<String> names = new ArrayList<>();
		VectorStore current = store;
		while (current instanceof ForwardingVectorStore forwarding) {
			names.add(current.getClass().getSimpleName());
			current = forwarding.delegate();
		}
		names.add(current.getClass().getSimpleName());
		return names;
	}

	@Configuration(proxyBeanMethods = false)
	static class Ports {

		final SpyStore spy = new SpyStore();

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		SpyStore spyStore() {
			return this.spy;
		}

		@Bean
		Embedder unusedEmbedder() {
			return DecoratedPorts.unused(Embedder.class);
		}

		@Bean
		LlmClient unusedLlm() {
			return DecoratedPorts.unused(LlmClient.class);
		}

		@Bean
		Reranker unusedReranker() {
			return DecoratedPorts.unused(Reranker.class);
		}

	}

	/** A remote store that fuses itself and counts what it was asked. */
	static final class SpyStore implements VectorStore, Remote {

		static final List<SearchResult> FUSED = List.of(new SearchResult(
				new Chunk("d#0", "d", "text", 0, Map.of(), 1, null, "h"), 1.0, 1, 1.0, null));

		final AtomicInteger fused = new AtomicInteger();

		final AtomicInteger searches = new AtomicInteger();

		final List<ListFusion> fusions = new ArrayList<>();

		@Override
		public String resilienceInstance() {
			return "vector-store";
		}

		@Override
		public List<SearchResult> searchFused(SearchRequest dense, SearchRequest sparse, int topK, ListFusion fusion) {
			this.fused.incrementAndGet();
			this.fusions.add(fusion);
			return FUSED;
		}

		@Override
		public List<SearchResult> search(SearchRequest request) {
			this.searches.incrementAndGet();
			return List.of();
		}

		@Override
		public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		}

		@Override
		public Optional<StoredDocument> findDocument(String namespace, String documentId) {
			return Optional.empty();
		}

		@Override
		public boolean delete(String namespace, String documentId) {
			return false;
		}

		@Override
		public long chunkCount() {
			return 0;
		}

		@Override
		public Health healthCheck() {
			return Health.up(Map.of());
		}

	}

}
