package io.ragwell.store.lucene;

import java.nio.file.Path;

import io.ragwell.core.VectorStore;
import io.ragwell.store.VectorStoreContractTests;
import org.junit.jupiter.api.io.TempDir;

/** The whole store contract against a real Lucene index in a temporary directory. */
class LuceneVectorStoreContractTests extends VectorStoreContractTests {

	@TempDir
	Path dir;

	@Override
	protected VectorStore createStore() {
		return new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS);
	}

	@Override
	protected String storeName() {
		return "lucene";
	}

}
