package io.ragwell.query.retrieve;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.SearchQuery;
import io.ragwell.store.lucene.LuceneVectorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FusingRetrieverTests {

	@TempDir
	Path dir;

	private LuceneVectorStore store;

	private FusingRetriever retriever;

	private final QueryPlan plan = new QueryPlan("q", 3, null, SearchMode.SPARSE,
			new FusionSettings(Fusion.parse("rrf"), 0.5, 60, 10, 10));

	@BeforeEach
	void index() {
		this.store = new LuceneVectorStore(this.dir.resolve("index"), 2);
		add("purr", "cats purr");
		add("bark", "dogs bark");
		QueryProperties properties = new QueryProperties(5, 10, 60, 2000, "hybrid", "rrf", 0.5, null, null, "none", 2);
		this.retriever = new FusingRetriever(new HybridRetriever(this.store, properties));
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void oneQueryIsTheStoresRankingAsIs() {
		HybridRetriever hybrid = new HybridRetriever(this.store,
				new QueryProperties(5, 10, 60, 2000, "hybrid", "rrf", 0.5, null, null, "none", 2));

		List<SearchResult> results = this.retriever.retrieve("default", this.plan, List.of(new SearchQuery("cats", null)),
				3);

		assertThat(results).isEqualTo(hybrid.retrieve("default", "cats", null, 3, null, SearchMode.SPARSE,
				this.plan.fusion()));
	}

	@Test
	void severalQueriesAreFusedSoWhatEachFindsIsKept() {
		List<SearchResult> results = this.retriever.retrieve("default", this.plan,
				List.of(new SearchQuery("cats", null), new SearchQuery("dogs", null)), 3);

		assertThat(results).extracting(result -> result.chunk().documentId()).containsExactlyInAnyOrder("purr", "bark");
		// k = 60, each first in one list: 1 / 61 apiece.
		assertThat(results).allSatisfy(result -> assertThat(result.score()).isEqualTo(1.0 / 61));
	}

	@Test
	void noQueryAtAllIsAMistake() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.retriever.retrieve("default", this.plan, List.of(), 3));
	}

	private void add(String id, String text) {
		Document document = new Document(id, "default", text, Map.of(), null, Instant.EPOCH, Instant.EPOCH);
		Chunk chunk = new Chunk(Chunk.idFor(id, 0), id, text, 0, Map.of(), 2, null, "hash-" + id);
		this.store.upsertChunks(document, List.of(new EmbeddedChunk(chunk, new float[] { 1, 0 })));
	}

}
