package io.ragwell.store.opensearch;

import java.time.Duration;

import io.ragwell.support.OpenSearchServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tuned-settings documents in a real OpenSearch: read back by another replica's store, per namespace, replaced whole. */
class OpenSearchSettingsStoreIT {

	private String index;

	private OpenSearchVectorStore first;

	private OpenSearchVectorStore second;

	private OpenSearchVectorStore store() {
		return new OpenSearchVectorStore(new OpenSearchProperties(OpenSearchServer.url(), this.index, null, null,
				Duration.ofSeconds(30), Duration.ofMillis(500)), 4, 60);
	}

	@BeforeEach
	void open() {
		this.index = OpenSearchServer.uniqueIndex("ragwell-settings-it");
		this.first = store();
		this.second = store();
	}

	@AfterEach
	void close() {
		OpenSearchServer.deleteIndex(this.index);
		this.first.close();
		this.second.close();
	}

	@Test
	void aDocumentWrittenByOneReplicaIsReadByAnotherAndStaysInItsNamespace() {
		OpenSearchSettingsStore writer = new OpenSearchSettingsStore(this.first);
		OpenSearchSettingsStore reader = new OpenSearchSettingsStore(this.second);
		assertThat(reader.read("alpha", "retrieval-tuning")).isEmpty();

		writer.write("alpha", "retrieval-tuning", "{\"current\":{\"x\":1}}");
		assertThat(reader.read("alpha", "retrieval-tuning")).contains("{\"current\":{\"x\":1}}");
		assertThat(reader.read("beta", "retrieval-tuning")).isEmpty();

		writer.write("alpha", "retrieval-tuning", "{}");
		assertThat(reader.read("alpha", "retrieval-tuning")).contains("{}");
		assertThat(writer.index()).isEqualTo(this.index + "-settings");
	}

}
