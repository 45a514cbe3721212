package io.ragwell.query.plan;

import java.util.Objects;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.Text;
import io.ragwell.query.filter.FilterParser;
import org.jspecify.annotations.Nullable;

/**
 * Validates against {@code ragwell.limits.*}, fills what the request leaves out from {@code ragwell.query.*}
 * and parses the filter; every failure is a 400 naming the field.
 */
public final class DefaultQueryPlanner implements QueryPlanner {

	/** rrf_k above this flattens every rank to the same weight: certainly a mistake. */
	static final int MAX_RRF_K = 10_000;

	private final QueryProperties properties;

	private final LimitsProperties limits;

	private final FusionSettings fusionDefaults;

	private final FilterParser filterParser;

	private final TunedSettings tuned;

	/**
	 * A planner without tuned settings: every namespace gets the configured ones.
	 * @param properties the defaults for top_k and mode
	 * @param limits the bounds on the query, top_k and filters
	 * @param fusionDefaults the configured fusion, which request overrides replace field by field
	 */
	public DefaultQueryPlanner(QueryProperties properties, LimitsProperties limits, FusionSettings fusionDefaults) {
		this(properties, limits, fusionDefaults, TunedSettings.none());
	}

	/**
	 * @param properties the defaults for top_k and mode
	 * @param limits the bounds on the query, top_k and filters
	 * @param fusionDefaults the configured fusion, which request overrides replace field by field
	 * @param tuned each namespace's tuned settings, which replace the configured mode, fusion and depths for
	 * requests that do not set them
	 */
	public DefaultQueryPlanner(QueryProperties properties, LimitsProperties limits, FusionSettings fusionDefaults,
			TunedSettings tuned) {
		this.properties = properties;
		this.limits = limits;
		this.fusionDefaults = fusionDefaults;
		this.tuned = tuned;
		this.filterParser = new FilterParser(limits.maxFilterDepth(), limits.maxFilterListSize(),
				limits.maxFilterClauses());
	}

	@Override
	public QueryPlan plan(QueryRequest request) {
		return plan(request, null);
	}

	/** The namespace's tuned settings, when it has any, fill in what the request leaves out. */
	@Override
	public QueryPlan plan(String namespace, QueryRequest request) {
		return plan(request, this.tuned.current(namespace));
	}

	private QueryPlan plan(QueryRequest request, @Nullable RetrievalSettings tuned) {
		String query = request.query();
		if (query == null || query.isBlank()) {
			throw new InvalidRequestException("invalid-request", "query", "'query' is required and must not be blank");
		}
		if (query.length() > this.limits.maxQueryChars()) {
			throw new InvalidRequestException("invalid-request", "query", "'query' has " + query.length()
					+ " characters; at most " + this.limits.maxQueryChars() + " are accepted");
		}
		int topK = (request.topK() != null) ? request.topK() : this.properties.defaultTopK();
		if (topK < 1 || topK > this.limits.maxTopK()) {
			throw new InvalidRequestException("invalid-request", "top_k",
					"'top_k' must be between 1 and " + this.limits.maxTopK() + ", was " + topK);
		}
		SearchMode mode;
		try {
			mode = (request.mode() != null) ? SearchMode.parse(request.mode())
					: (tuned != null) ? tuned.mode() : SearchMode.parse(this.properties.defaultMode());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-request", "mode",
					Objects.requireNonNullElse(ex.getMessage(), "'mode' is invalid"));
		}
		@Nullable MetadataFilter filter = this.filterParser.parse(request.filters());
		return new QueryPlan(Text.sanitize(query).strip(), topK, filter, mode,
				fusionSettings(request, (tuned != null) ? tuned.fusionSettings() : this.fusionDefaults));
	}

	/** The request's fusion overrides on top of the configured settings; 400 on values out of range. */
	private FusionSettings fusionSettings(QueryRequest request, FusionSettings defaults) {
		Fusion fusion = defaults.fusion();
		if (request.fusion() != null) {
			try {
				fusion = Fusion.parse(request.fusion());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("invalid-request", "fusion",
					Objects.requireNonNullElse(ex.getMessage(), "'fusion' is invalid"));
			}
		}
		double alpha = defaults.alpha();
		if (request.alpha() != null) {
			alpha = request.alpha();
			if (!(alpha >= 0.0 && alpha <= 1.0)) {
				throw new InvalidRequestException("invalid-request", "alpha",
						"'alpha' must be between 0 and 1 (1 ranks by the dense list only), was " + request.alpha());
			}
		}
		int rrfK = defaults.rrfK();
		if (request.rrfK() != null) {
			rrfK = request.rrfK();
			if (rrfK < 1 || rrfK > MAX_RRF_K) {
				throw new InvalidRequestException("invalid-request", "rrf_k",
						"'rrf_k' must be between 1 and " + MAX_RRF_K + ", was " + rrfK);
			}
		}
		return new FusionSettings(fusion, alpha, rrfK, defaults.denseCandidates(), defaults.sparseCandidates());
	}

}
