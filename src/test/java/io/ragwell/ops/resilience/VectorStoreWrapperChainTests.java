package io.ragwell.ops.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Embedder;
import io.ragwell.core.ForwardingVectorStore;
import io.ragwell.core.Health;
import io.ragwell.core.HybridFusion;
import io.ragwell.core.LlmClient;
import io.ragwell.core.Remote;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;
import io.ragwell.query.metrics.RagMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hybrid search passes through the real decorator chain (metered outside resilient) to the store as one call
 * carrying its fusion, timed once as a hybrid search.
 */
class VectorStoreWrapperChainTests {

	private final ApplicationContextRunner runner = DecoratedPorts.runner(Ports.class);

	@Test
	void hybridSearchReachesTheStoreWithItsFusionThroughEveryDecoratorAndIsTimedAsOneHybridSearch() {
		this.runner.run((context) -> {
			VectorStore store = context.getBean(VectorStore.class);
			SpyStore spy = context.getBean(Ports.class).spy;
			assertThat(chain(store)).containsExactly("MeteredVectorStore", "ResilientVectorStore", "SpyStore");

			HybridFusion fusion = new HybridFusion(HybridFusion.Method.RELATIVE_SCORE, 60, 0.3, 40, 20);
			SearchRequest request = new SearchRequest("default", new float[] { 1, 0 }, "q", 3, null, SearchMode.HYBRID,
					40, fusion);
			List<SearchResult> results = store.search(request);

			assertThat(results).isSameAs(SpyStore.FUSED);
			assertThat(spy.requests).containsExactly(request);
			assertThat(spy.requests.get(0).fusion()).isEqualTo(fusion);
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

	/** A remote store that records what it was asked. */
	static final class SpyStore implements VectorStore, Remote {

		static final List<SearchResult> FUSED = List.of(new SearchResult(
				new Chunk("d#0", "d", "text", 0, Map.of(), 1, null, "h"), 1.0, 1, 1.0, null));

		final List<SearchRequest> requests = new ArrayList<>();

		@Override
		public String resilienceInstance() {
			return "vector-store";
		}

		@Override
		public List<SearchResult> search(SearchRequest request) {
			this.requests.add(request);
			return FUSED;
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
