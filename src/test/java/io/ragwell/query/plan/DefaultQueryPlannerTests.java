package io.ragwell.query.plan;

import java.util.Map;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DefaultQueryPlannerTests {

	private final DefaultQueryPlanner planner = new DefaultQueryPlanner(
			new QueryProperties(5, 100, 60, 2000, "hybrid", "weighted", 0.5, null, null, "none", 3),
			new LimitsProperties(DataSize.ofMegabytes(16), 1_000_000, 256, 64, 20, 50, 8, 100, DataSize.ofKilobytes(8),
					200, DataSize.ofMegabytes(64), 2_000_000),
			new FusionSettings(Fusion.parse("weighted"), 0.5, 60, 100, 80));

	@Test
	void whatTheRequestLeavesOutComesFromConfiguration() {
		QueryPlan plan = this.planner.plan(new QueryRequest("  cats purr ", null, null, null));

		assertThat(plan.query()).isEqualTo("cats purr");
		assertThat(plan.topK()).isEqualTo(5);
		assertThat(plan.mode()).isEqualTo(SearchMode.HYBRID);
		assertThat(plan.modeName()).isEqualTo("hybrid");
		assertThat(plan.filter()).isNull();
		assertThat(plan.fusion()).isEqualTo(new FusionSettings(Fusion.parse("weighted"), 0.5, 60, 100, 80));
	}

	@Test
	void aNamespacesTunedSettingsFillWhatTheRequestLeavesOutAndOnlyThere() {
		java.util.Map<String, String> documents = new java.util.HashMap<>();
		io.ragwell.core.SettingsStore store = new io.ragwell.core.SettingsStore() {

			@Override
			public java.util.Optional<String> read(String namespace, String name) {
				return java.util.Optional.ofNullable(documents.get(namespace));
			}

			@Override
			public void write(String namespace, String name, String json) {
				documents.put(namespace, json);
			}

		};
		TunedSettings tuned = new TunedSettings(store, java.time.Duration.ofMinutes(1));
		RetrievalSettings settings = new RetrievalSettings(SearchMode.DENSE, Fusion.RRF, 0.2, 30, 150);
		tuned.write("tuned", new TuningState(
				new TuningState.Applied(settings, 0.8, 0.7, 0.8, 40, java.time.Instant.EPOCH), null));
		DefaultQueryPlanner planner = new DefaultQueryPlanner(
				new QueryProperties(5, 100, 60, 2000, "sparse", "weighted", 0.5, null, null, "none", 3),
				new LimitsProperties(DataSize.ofMegabytes(16), 1_000_000, 256, 64, 20, 50, 8, 100,
						DataSize.ofKilobytes(8), 200, DataSize.ofMegabytes(64), 2_000_000),
				new FusionSettings(Fusion.WEIGHTED, 0.5, 60, 100, 100), tuned);

		QueryPlan plan = planner.plan("tuned", new QueryRequest("q", null, null, null));
		assertThat(plan.mode()).isEqualTo(SearchMode.DENSE);
		assertThat(plan.fusion()).isEqualTo(new FusionSettings(Fusion.RRF, 0.2, 30, 150, 150));

		QueryPlan explicit = planner.plan("tuned", new QueryRequest("q", null, null, "hybrid", "weighted", 0.9, null));
		assertThat(explicit.mode()).isEqualTo(SearchMode.HYBRID);
		assertThat(explicit.fusion()).isEqualTo(new FusionSettings(Fusion.WEIGHTED, 0.9, 30, 150, 150));

		QueryPlan other = planner.plan("other", new QueryRequest("q", null, null, null));
		assertThat(other.mode()).isEqualTo(SearchMode.SPARSE);
		assertThat(other.fusion()).isEqualTo(new FusionSettings(Fusion.WEIGHTED, 0.5, 60, 100, 100));
	}

	@Test
	void fusionOverridesReplaceTheDefaultsFieldByFieldAndKeepTheDepths() {
		QueryPlan plan = this.planner
			.plan(new QueryRequest("q", 2, Map.of("year", 2021), "dense", "rrf", null, 10));

		assertThat(plan.fusion()).isEqualTo(new FusionSettings(Fusion.parse("rrf"), 0.5, 10, 100, 80));
		assertThat(plan.filter()).isInstanceOf(MetadataFilter.class);
		assertThat(plan.mode()).isEqualTo(SearchMode.DENSE);
	}

	@Test
	void whenAValueIsOutOfRangeThenBadRequestNamingTheField() {
		assertThat(invalidField(new QueryRequest(" ", null, null, null))).isEqualTo("query");
		assertThat(invalidField(new QueryRequest("x".repeat(21), null, null, null))).isEqualTo("query");
		assertThat(invalidField(new QueryRequest("q", 0, null, null))).isEqualTo("top_k");
		assertThat(invalidField(new QueryRequest("q", 51, null, null))).isEqualTo("top_k");
		assertThat(invalidField(new QueryRequest("q", null, null, "fuzzy"))).isEqualTo("mode");
		assertThat(invalidField(new QueryRequest("q", null, null, null, "max", null, null))).isEqualTo("fusion");
		assertThat(invalidField(new QueryRequest("q", null, null, null, null, -0.1, null))).isEqualTo("alpha");
		assertThat(invalidField(new QueryRequest("q", null, null, null, null, Double.NaN, null))).isEqualTo("alpha");
		assertThat(invalidField(new QueryRequest("q", null, null, null, null, null, DefaultQueryPlanner.MAX_RRF_K + 1)))
			.isEqualTo("rrf_k");
	}

	@Test
	void aPlanCannotBeBuiltWithoutAQuestion() {
		FusionSettings fusion = new FusionSettings(Fusion.parse("rrf"), 0.5, 60, 10, 10);
		assertThatIllegalArgumentException().isThrownBy(() -> new QueryPlan(" ", 1, null, SearchMode.DENSE, fusion));
		assertThatIllegalArgumentException().isThrownBy(() -> new QueryPlan("q", 0, null, SearchMode.DENSE, fusion));
	}

	private String invalidField(QueryRequest request) {
		return catchThrowableOfType(InvalidRequestException.class, () -> this.planner.plan(request)).field();
	}

}
