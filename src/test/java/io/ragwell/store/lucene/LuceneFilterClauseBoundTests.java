package io.ragwell.store.lucene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Document;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.support.FilterTrees;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The parser's clause bound keeps every Lucene query under {@link IndexSearcher#getMaxClauseCount()}, which
 * Lucene checks over the whole query tree (leaves at every level), not per boolean query.
 */
class LuceneFilterClauseBoundTests {

	private static final int DIMENSIONS = 8;

	@TempDir
	Path dir;

	/** Leaves as IndexSearcher counts them for its clause check. */
	static int leaves(Query query) {
		int[] count = new int[1];
		query.visit(new QueryVisitor() {

			@Override
			public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
				return this;
			}

			@Override
			public void visitLeaf(Query leaf) {
				count[0]++;
			}

			@Override
			public void consumeTerms(Query leaf, Term... terms) {
				count[0]++;
			}

			@Override
			public void consumeTermsMatching(Query leaf, String field,
					java.util.function.Supplier<ByteRunAutomaton> automaton) {
				count[0]++;
			}

		});
		return count[0];
	}

	@Test
	void everyFilterWithinTheBoundConvertsToAtMostTwoLeavesPerClause() {
		System.out.println("LuceneFilterClauseBoundTests seed=" + FilterTrees.SEED);
		Random random = new Random(FilterTrees.SEED);
		for (int i = 0; i < 3000; i++) {
			MetadataFilter filter = FilterTrees.random(random, FilterParser.DEFAULT_MAX_CLAUSES);
			int clauses = FilterParser.clauses(filter);
			assertThat(clauses).isLessThanOrEqualTo(FilterParser.DEFAULT_MAX_CLAUSES);
			assertThat(leaves(LuceneFilterConverter.toQuery(filter))).as("seed %d: %s", FilterTrees.SEED, filter)
				.isLessThanOrEqualTo(2 * clauses);
		}
		for (MetadataFilter filter : FilterTrees.largest(FilterParser.DEFAULT_MAX_CLAUSES)) {
			assertThat(leaves(LuceneFilterConverter.toQuery(filter)))
				.isLessThanOrEqualTo(2 * FilterParser.DEFAULT_MAX_CLAUSES);
		}
	}

	@Test
	void theLargestFiltersRunWithTheLongestBm25QueryInEveryMode() {
		try (LuceneVectorStore store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS)) {
			Random random = new Random(FilterTrees.SEED);
			Document document = StoreFixtures.document("ns", "d", Map.of(), null, List.of("words"));
			store.upsertChunks(document, StoreFixtures.chunks(document, List.of("alpha beta words"), random,
					DIMENSIONS));
			// More distinct terms than the store's 512-term cap: the BM25 side is as large as it gets.
			List<String> words = new ArrayList<>();
			for (int i = 0; i < 700; i++) {
				words.add("w" + Integer.toString(i, 36) + "x");
			}
			String text = String.join(" ", words);
			float[] vector = StoreFixtures.unitVector(random, DIMENSIONS);
			List<MetadataFilter> filters = new ArrayList<>(FilterTrees.largest(FilterParser.DEFAULT_MAX_CLAUSES));
			for (int i = 0; i < 20; i++) {
				filters.add(FilterTrees.random(random, FilterParser.DEFAULT_MAX_CLAUSES));
			}
			for (MetadataFilter filter : filters) {
				for (SearchMode mode : SearchMode.values()) {
					SearchRequest request = new SearchRequest("ns", vector, text, 5, filter, mode, 10);
					assertThatNoException().as("%s %s", mode, filter).isThrownBy(() -> store.search(request));
				}
			}
		}
	}

}
