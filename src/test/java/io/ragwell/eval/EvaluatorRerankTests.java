package io.ragwell.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;
import io.ragwell.query.rerank.NoReranker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The eval applies the configured reranker to the head of each ranking, as the query service does. */
class EvaluatorRerankTests {

	@Test
	void theConfiguredRerankerReordersTheFirstCandidatesAndTheTailKeepsItsOrder() {
		List<SearchResult> chunks = ranking("a", "b", "c", "d", "e");
		RecordingReverser reverser = new RecordingReverser();

		List<SearchResult> reranked = Evaluator.rerankHead(reverser, 3, "ns", "question", new float[] { 1f }, chunks);

		assertThat(reranked).extracting(result -> result.chunk().documentId()).containsExactly("c", "b", "a", "d",
				"e");
		assertThat(reverser.requests).singleElement().satisfies(request -> {
			assertThat(request.namespace()).isEqualTo("ns");
			assertThat(request.query()).isEqualTo("question");
			assertThat(request.queryVector()).containsExactly(1f);
			assertThat(request.topN()).isEqualTo(3);
			assertThat(request.candidates()).extracting(result -> result.chunk().documentId())
				.containsExactly("a", "b", "c");
		});
	}

	@Test
	void fewerChunksThanCandidatesAreAllReranked() {
		List<SearchResult> reranked = Evaluator.rerankHead(new RecordingReverser(), 20, "ns", "q", null,
				ranking("a", "b"));

		assertThat(reranked).extracting(result -> result.chunk().documentId()).containsExactly("b", "a");
	}

	@Test
	void withoutARerankerTheRetrievalOrderStands() {
		List<SearchResult> chunks = ranking("a", "b", "c");

		assertThat(Evaluator.rerankHead(new NoReranker(), 2, "ns", "q", null, chunks)).containsExactlyElementsOf(chunks);
	}

	private static List<SearchResult> ranking(String... documentIds) {
		List<SearchResult> results = new ArrayList<>();
		for (String id : documentIds) {
			Chunk chunk = new Chunk(Chunk.idFor(id, 0), id, "text", 0, Map.of(), 1, null, "hash");
			results.add(new SearchResult(chunk, 1.0 / (results.size() + 1), results.size() + 1, null, null));
		}
		return results;
	}

	/** Reverses its candidates: any reordering shows whether, and on what, the reranker ran. */
	private static final class RecordingReverser implements Reranker {

		final List<RerankRequest> requests = new ArrayList<>();

		@Override
		public List<SearchResult> rerank(RerankRequest request) {
			this.requests.add(request);
			List<SearchResult> reversed = new ArrayList<>(request.candidates());
			Collections.reverse(reversed);
			return reversed.subList(0, Math.min(request.topN(), reversed.size()));
		}

		@Override
		public String name() {
			return "reverse";
		}

	}

}
