package io.ragwell.query.plan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.ragwell.core.SearchMode;

/**
 * The retrieval settings a namespace can be tuned to: what a request may leave out and have filled in.
 *
 * @param mode dense, sparse or hybrid
 * @param fusion how a hybrid search fuses its lists
 * @param alpha dense weight of weighted fusion, 0 to 1
 * @param rrfK reciprocal rank fusion constant, 1 or more
 * @param candidates depth of each of the dense and BM25 lists before fusion, 1 or more
 */
public record RetrievalSettings(SearchMode mode, Fusion fusion, double alpha, int rrfK, int candidates) {

	/** Deepest candidate list tuning may choose: bounds what one query costs. */
	public static final int MAX_CANDIDATES = 1000;

	public RetrievalSettings {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(fusion, "fusion");
		if (!(alpha >= 0.0 && alpha <= 1.0)) {
			throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
		}
		if (rrfK < 1 || rrfK > DefaultQueryPlanner.MAX_RRF_K) {
			throw new IllegalArgumentException("rrf_k must be between 1 and " + DefaultQueryPlanner.MAX_RRF_K
					+ ", was " + rrfK);
		}
		if (candidates < 1 || candidates > MAX_CANDIDATES) {
			throw new IllegalArgumentException(
					"candidates must be between 1 and " + MAX_CANDIDATES + ", was " + candidates);
		}
	}

	/** The JSON form: the names requests use ({@code "mode": "hybrid", "fusion": "weighted"}). */
	@JsonCreator
	static RetrievalSettings fromJson(@JsonProperty("mode") String mode, @JsonProperty("fusion") String fusion,
			@JsonProperty("alpha") double alpha, @JsonProperty("rrf_k") int rrfK,
			@JsonProperty("candidates") int candidates) {
		return new RetrievalSettings(SearchMode.parse(mode), Fusion.parse(fusion), alpha, rrfK, candidates);
	}

	/** The JSON form, in the order and spelling requests use. */
	@JsonValue
	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("mode", this.mode.name().toLowerCase(Locale.ROOT));
		json.put("fusion", this.fusion.label());
		json.put("alpha", this.alpha);
		json.put("rrf_k", this.rrfK);
		json.put("candidates", this.candidates);
		return json;
	}

	/** The configured settings: {@code ragwell.query.default-mode} and the retriever's fusion defaults. */
	public static RetrievalSettings of(SearchMode mode, FusionSettings fusion) {
		return new RetrievalSettings(mode, fusion.fusion(), fusion.alpha(), fusion.rrfK(),
				Math.max(fusion.denseCandidates(), fusion.sparseCandidates()));
	}

	/** These settings' fusion and depths, both lists {@link #candidates} deep. */
	public FusionSettings fusionSettings() {
		return new FusionSettings(this.fusion, this.alpha, this.rrfK, this.candidates, this.candidates);
	}

	/** A short stable description for reports and logs, e.g. {@code hybrid weighted(alpha=0.7) candidates=100}. */
	@JsonIgnore
	public String describe() {
		return switch (this.mode) {
			case DENSE, SPARSE -> this.mode.name().toLowerCase(Locale.ROOT) + " candidates=" + this.candidates;
			case HYBRID -> "hybrid " + fusionSettings().describe() + " candidates=" + this.candidates;
		};
	}

}
