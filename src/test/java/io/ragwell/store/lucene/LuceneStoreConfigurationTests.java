package io.ragwell.store.lucene;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Document;
import io.ragwell.core.Embedder;
import io.ragwell.core.VectorStore;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.support.FakeEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneStoreConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(LuceneStoreConfiguration.class)
			.withBean(StoreProperties.class,
					() -> new StoreProperties("lucene", new StoreProperties.Lucene(this.dir.resolve("index"), VectorEncoding.FLOAT32)))
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
	void backsOffWhenAnotherStoreTypeIsConfigured() {
		runner().withPropertyValues("ragwell.store.type=remote")
			.run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
	}

}
