package io.ragwell.query.context;

import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContextBuilderTests {

	private static SearchResult result(String id, String content, int tokens, int rank) {
		Chunk chunk = new Chunk(id, id.split("#")[0], content, 0, Map.of(), tokens, "src-" + id, "h" + id);
		return new SearchResult(chunk, 1.0 / rank, rank, null, null);
	}

	@Test
	void sourcesAreNumberedInRankOrder() {
		Context context = ContextBuilder.build(
				List.of(result("a#0", "alpha text", 10, 1), result("b#0", "beta text", 10, 2)), 100, String::length);
		assertThat(context.text()).isEqualTo("[1] (src-a#0) alpha text\n\n[2] (src-b#0) beta text");
		assertThat(context.sources()).extracting(SearchResult::rank).containsExactly(1, 2);
		assertThat(context.tokens()).isEqualTo(20);
	}

	@Test
	void resultThatDoesNotFitIsSkippedAndNumberingStaysContiguous() {
		Context context = ContextBuilder.build(List.of(result("a#0", "a", 60, 1), result("b#0", "b", 50, 2),
				result("c#0", "c", 30, 3)), 100, String::length);
		assertThat(context.sources()).extracting(r -> r.chunk().id()).containsExactly("a#0", "c#0");
		assertThat(context.sources()).extracting(SearchResult::rank).containsExactly(1, 2);
		assertThat(context.text()).contains("[2] (src-c#0) c").doesNotContain("[3]");
	}

	@Test
	void nothingFitsGivesEmptyContext() {
		Context context = ContextBuilder.build(List.of(result("a#0", "a", 600, 1)), 100, String::length);
		assertThat(context.sources()).isEmpty();
		assertThat(context.text()).isEmpty();
	}

}
