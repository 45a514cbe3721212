package io.ragwell.deploy;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The guard {@link DeploymentFilesTests} relies on, shown to tell a real property from a near miss. */
class ConfigurationPropertiesIndexTests {

	private final ConfigurationPropertiesIndex index = ConfigurationPropertiesIndex.scan("io.ragwell");

	@Test
	void bindsVariablesTheWaySpringBootMapsTheEnvironment() {
		assertThat(this.index.bind("RAGWELL_STORE_LUCENE_PATH", "/data/index").properties())
			.containsExactly("ragwell.store.lucene.path");
		assertThat(this.index.bind("RAGWELL_LLM_BASEURL", "http://ollama:11434/v1").bound()).isTrue();
		assertThat(this.index.bind("RAGWELL_EMBEDDING_OPENAI_MAXBATCHITEMS", "16").bound()).isTrue();
		assertThat(this.index.bind("RAGWELL_SECURITY_APIKEYS_0_NAME", "ops").bound()).isTrue();
	}

	@Test
	void aMisspeltOrRenamedPropertyDoesNotBind() {
		assertThat(this.index.bind("RAGWELL_STORE_LUCENE_PATHS", "/data/index").bound()).isFalse();
		assertThat(this.index.bind("RAGWELL_LLM_BASEURLL", "http://ollama:11434/v1").bound()).isFalse();
		assertThat(this.index.bind("RAGWELL_NOSUCHSECTION_URL", "http://x").bound()).isFalse();
	}

	@Test
	void aValueThatDoesNotConvertFailsTheBind() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> this.index.bind("RAGWELL_CACHE_RESPONSETTL", "soon"));
	}

	@Test
	void onlyStoreAdapterSectionsWithoutAPropertiesClassArePending() {
		assertThat(this.index.pendingSection("RAGWELL_LLM_BASEURLL")).isNull();
		assertThat(this.index.pendingSection("RAGWELL_STORE_LUCENE_PATHS")).isNull();
		assertThat(this.index.declares("ragwell.store.lucene")).isTrue();
		assertThat(this.index.declares("ragwell.embedding.openai")).isTrue();
		for (String section : ConfigurationPropertiesIndex.PENDING_SECTIONS) {
			String variable = section.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + "_URL";
			assertThat(this.index.pendingSection(variable)).isEqualTo(this.index.declares(section) ? null : section);
		}
	}

}
