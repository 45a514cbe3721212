package io.ragwell.store.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Document;
import io.ragwell.core.Embedder;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.VectorStore;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.support.FakeEmbedder;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneStoreConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner runner() {
		return runner(new StoreProperties.Bm25(1.2, 0.75));
	}

	private ApplicationContextRunner runner(StoreProperties.Bm25 bm25) {
		return new ApplicationContextRunner().withUserConfiguration(LuceneStoreConfiguration.class)
			.withBean(StoreProperties.class,
					() -> new StoreProperties("lucene",
							new StoreProperties.Lucene(this.dir.resolve("index"), VectorEncoding.FLOAT32, bm25)))
			.withBean(QueryProperties.class, () -> new QueryProperties(5, 50, 60, 2000, "hybrid", "rrf", 0.5, null, null, "none", 3))
			.withBean(Embedder.class, () -> FakeEmbedder.constant("fixed", new float[12]));
	}

	@Test
	void buildsTheStoreByDefaultSizedToTheEmbedderAndClosesItOnShutdown() {
		LuceneVectorStore[] built = new LuceneVectorStore[1];
		runner().run(context -> {
			assertThat(context).hasSingleBean(VectorStore.class);
			built[0] = context.getBean(LuceneVectorStore.class);
			assertThat(built[0].healthCheck().details()).containsEntry("dimensions", 12)
				.containsEntry("path", this.dir.resolve("index").toAbsolutePath().normalize().toString());
		});

		assertThat(built[0].healthCheck().up()).isFalse();
	}

	@Test
	void refusesToStartOnAnIndexBuiltWithAnotherModelOfTheSameDimensions() {
		Path path = this.dir.resolve("index");
		Document doc = StoreFixtures.document("default", "x", Map.of(), null, List.of("text"));
		try (LuceneVectorStore other = new LuceneVectorStore(path, 12, "other-model", 60)) {
			other.upsertChunks(doc, StoreFixtures.chunks(doc, List.of("text"), new Random(1), 12));
		}

		runner().run(context -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("'other-model'")
			.hasMessageContaining("'fixed'"));
	}

	@Test
	void searchesWithTheConfiguredBm25Parameters() throws IOException {
		// b = 0: no length normalisation, so the chunk saying "apple" twice in twelve words beats the one saying
		// it once in two; with b = 1 the short chunk wins.
		String shortText = "apple pie";
		String longText = "apple apple one two three four five six seven eight nine ten";
		for (double b : new double[] { 0.0, 1.0 }) {
			Path index = this.dir.resolve("index");
			runner(new StoreProperties.Bm25(1.2, b)).run(context -> {
				LuceneVectorStore store = context.getBean(LuceneVectorStore.class);
				for (String text : List.of(shortText, longText)) {
					String id = text.equals(shortText) ? "short" : "long";
					Document doc = StoreFixtures.document("default", id, Map.of(), null, List.of(text));
					store.upsertChunks(doc, StoreFixtures.chunks(doc, List.of(text), new Random(1), 12));
				}
				List<String> order = store
					.search(new SearchRequest("default", null, "apple", 5, null,
							SearchMode.SPARSE, 5))
					.stream()
					.map(result -> result.chunk().documentId())
					.toList();
				assertThat(order).as("b = " + b).containsExactly(b == 0.0 ? "long" : "short", b == 0.0 ? "short" : "long");
			});
			IOUtils.rm(index);
		}
	}

	@Test
	void backsOffWhenAnotherStoreTypeIsConfigured() {
		runner().withPropertyValues("ragwell.store.type=remote")
			.run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
	}

}
