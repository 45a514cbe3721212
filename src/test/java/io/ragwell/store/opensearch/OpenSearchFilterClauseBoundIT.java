package io.ragwell.store.opensearch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.support.FilterTrees;
import io.ragwell.support.OpenSearchServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The largest filters the parser lets through, beside a query of the longest accepted length, run on a real
 * OpenSearch in every mode: no {@code too_many_clauses}/{@code too_many_nested_clauses} refusal.
 */
class OpenSearchFilterClauseBoundIT {

	private static final int DIMENSIONS = 8;

	@Test
	void theLargestFiltersRunBesideTheLongestQueryInEveryMode() {
		String index = OpenSearchServer.uniqueIndex("ragwell-bound");
		OpenSearchVectorStore store = new OpenSearchVectorStore(
				new OpenSearchProperties(OpenSearchServer.url(), index, null, null, Duration.ofSeconds(30), Duration.ofMillis(500)), DIMENSIONS,
				ReciprocalRankFusion.DEFAULT_K);
		try {
			Random random = new Random(FilterTrees.SEED);
			float[] vector = new float[DIMENSIONS];
			vector[0] = 1;
			// Every field the largest filters name is mapped with every type they compare it to: a clause on an
			// unmapped field is rewritten away before OpenSearch counts clauses, and would prove nothing.
			List<Map<String, Object>> metadata = List.of(new java.util.HashMap<>(), new java.util.HashMap<>(),
					new java.util.HashMap<>());
			for (int i = 0; i < FilterParser.DEFAULT_MAX_CLAUSES; i++) {
				metadata.get(0).put("k" + i, (long) i);
				if (i % 3 == 0) {
					metadata.get(1).put("k" + i, "v" + i);
					metadata.get(0).put("m" + i, "s" + i);
					metadata.get(1).put("m" + i, (long) i);
					metadata.get(2).put("m" + i, true);
				}
			}
			for (int i = 0; i < 7; i++) {
				metadata.get(2).put("k" + i, true);
			}
			for (int d = 0; d < metadata.size(); d++) {
				Document document = new Document("d" + d, "ns", "alpha words", metadata.get(d), null, Instant.EPOCH,
						Instant.EPOCH);
				Chunk chunk = new Chunk(Chunk.idFor("d" + d, 0), "d" + d, "alpha words", 0, metadata.get(d), 2, null,
						"h" + d);
				store.upsertChunks(document, List.of(new EmbeddedChunk(chunk, vector)));
			}
			// ragwell.limits.max-query-chars (2000) of distinct short words: the match query is as wide as it gets.
			StringBuilder text = new StringBuilder();
			for (int i = 0; text.length() < 1995; i++) {
				text.append(Integer.toString(i, 36)).append(' ');
			}
			List<MetadataFilter> filters = new ArrayList<>(FilterTrees.largest(FilterParser.DEFAULT_MAX_CLAUSES));
			for (int i = 0; i < 10; i++) {
				filters.add(FilterTrees.random(random, FilterParser.DEFAULT_MAX_CLAUSES));
			}
			for (MetadataFilter filter : filters) {
				for (SearchMode mode : SearchMode.values()) {
					SearchRequest request = new SearchRequest("ns", vector, text.toString().strip(), 5, filter, mode, 10);
					assertThatNoException().as("%s %s", mode, filter).isThrownBy(() -> store.search(request));
				}
			}
		}
		finally {
			store.close();
			OpenSearchServer.deleteIndex(index);
		}
	}

}
