package io.ragwell.query.context;

import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenBudgetContextAssemblerTests {

	@Test
	void resultsWithoutATokenCountAreMeasuredByTheCounterAgainstTheBudget() {
		SearchResult big = result("a", "one two three four");
		SearchResult small = result("b", "five");
		ContextAssembler assembler = new TokenBudgetContextAssembler(3, (text) -> text.split(" ").length);

		Context context = assembler.assemble(List.of(big, small));

		assertThat(context.sources()).extracting(source -> source.chunk().documentId()).containsExactly("b");
		assertThat(context.text()).isEqualTo("[1] five");
	}

	@Test
	void aBudgetOfNothingIsAMistake() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBudgetContextAssembler(0, String::length));
	}

	private static SearchResult result(String id, String content) {
		Chunk chunk = new Chunk(Chunk.idFor(id, 0), id, content, 0, Map.of(), 0, null, "h" + id);
		return new SearchResult(chunk, 1.0, 1, null, null);
	}

}
