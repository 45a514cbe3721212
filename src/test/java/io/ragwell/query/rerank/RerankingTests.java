package io.ragwell.query.rerank;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.Chunk;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.query.plan.QueryPlan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RerankingTests {

	private static final List<SearchResult> CANDIDATES = List.of(result("a", 1), result("b", 2), result("c", 3));

	@Test
	void withoutARerankerOnlyTopKIsRetrievedAndItsOrderKept() {
		NoReranking none = new NoReranking();

		Reranking.Reranked reranked = none.rerank("default", plan(2), null, CANDIDATES);

		assertThat(none.depth(2)).isEqualTo(2);
		assertThat(reranked.results()).isEqualTo(CANDIDATES);
		assertThat(reranked.warnings()).isEmpty();
		assertThat(reranked.failed()).isFalse();
		assertThat(none.describe()).isEqualTo("none");
	}

	@Test
	void aRerankerChoosesFromTheConfiguredCandidatesOrTopKWhenMore() {
		RerankerReranking reranking = new RerankerReranking(reversing(), 20, new SimpleMeterRegistry());

		assertThat(reranking.depth(5)).isEqualTo(20);
		assertThat(reranking.depth(30)).isEqualTo(30);
		assertThat(reranking.rerank("default", plan(2), null, CANDIDATES).results())
			.extracting(result -> result.chunk().documentId())
			.containsExactly("c", "b");
		assertThat(reranking.describe()).isEqualTo("reverse(20)");
	}

	@Test
	void aFailingRerankerKeepsTheRetrievalHeadWithAWarningAndCountsTheError() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Reranker failing = new Reranker() {
			@Override
			public List<SearchResult> rerank(RerankRequest request) {
				throw new RemoteCallException("rerank", "down", 503, true, null, null, null);
			}

			@Override
			public String name() {
				return "tei";
			}
		};

		Reranking.Reranked reranked = new RerankerReranking(failing, 20, registry).rerank("default", plan(2), null,
				CANDIDATES);

		assertThat(reranked.results()).isEqualTo(CANDIDATES.subList(0, 2));
		assertThat(reranked.warnings()).containsExactly(RerankerReranking.FAILED_WARNING);
		assertThat(reranked.failed()).isTrue();
		assertThat(registry.get("rag.errors").tag("stage", "rerank").counter().count()).isEqualTo(1);
	}

	private static Reranker reversing() {
		return new Reranker() {
			@Override
			public List<SearchResult> rerank(RerankRequest request) {
				List<SearchResult> reversed = request.candidates().reversed();
				return reversed.subList(0, request.topN());
			}

			@Override
			public String name() {
				return "reverse";
			}
		};
	}

	private static QueryPlan plan(int topK) {
		return new QueryPlan("q", topK, null, SearchMode.HYBRID, new FusionSettings(Fusion.parse("rrf"), 0.5, 60, 10, 10));
	}

	private static SearchResult result(String id, int rank) {
		Chunk chunk = new Chunk(Chunk.idFor(id, 0), id, "text " + id, 0, Map.of(), 2, null, "h" + id);
		return new SearchResult(chunk, 1.0 / rank, rank, null, null);
	}

}
