package io.ragwell.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.SearchMode;
import io.ragwell.core.Text;
import io.ragwell.eval.EvaluationReport;
import io.ragwell.eval.EvaluationRequest;
import io.ragwell.eval.Evaluator;
import io.ragwell.eval.JudgedQuery;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.query.plan.TunedSettings;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /evaluations}: the eval metrics against the live index (admin scope), with the settings {@code /query}
 * uses in the caller's namespace: its tuned ones ({@code POST /tuning}) if any, else the configured ones; a
 * {@code mode} in the request replaces only the mode.
 */
// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
@RestController
class EvaluationController {

	/** Each query is a full retrieval; a thousand keeps one request to seconds, not minutes. */
	static final int MAX_QUERIES = 1000;

	static final int MAX_TOP_K = 1000;

	private final Evaluator evaluator;

	private final Namespaces namespaces;

	private final QueryProperties queryProperties;

	private final LimitsProperties limits;

	private final TunedSettings tuned;

	private final HybridRetriever retriever;

	EvaluationController(Evaluator evaluator, Namespaces namespaces, QueryProperties queryProperties,
			LimitsProperties limits, TunedSettings tuned, HybridRetriever retriever) {
		this.evaluator = evaluator;
		this.namespaces = namespaces;
		this.queryProperties = queryProperties;
		this.limits = limits;
		this.tuned = tuned;
		this.retriever = retriever;
	}

	@RequiredScope(Scope.ADMIN)
	@PostMapping(path = "/evaluations", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	EvaluationReport evaluate(@RequestBody EvaluationRequest request) {
		List<JudgedQuery> queries = validate(request.queries());
		int topK = (request.topK() != null) ? request.topK() : Evaluator.DEFAULT_DEPTH;
		if (topK < 1 || topK > MAX_TOP_K) {
			throw new InvalidRequestException("invalid-request", "top_k",
					"'top_k' must be between 1 and " + MAX_TOP_K + ", was " + topK);
		}
		SearchMode mode;
		try {
			mode = SearchMode.parse((request.mode() != null) ? request.mode() : this.queryProperties.defaultMode());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-request", "mode",
					Objects.requireNonNullElse(ex.getMessage(), "'mode' is invalid"));
		}
		String namespace = this.namespaces.current();
		RetrievalSettings settings = Objects.requireNonNullElse(this.tuned.current(namespace),
				RetrievalSettings.of(mode, this.retriever.defaults()));
		if (request.mode() != null) {
			settings = new RetrievalSettings(mode, settings.fusion(), settings.alpha(), settings.rrfK(),
					settings.candidates());
		}
		return this.evaluator.evaluate(namespace, "live", null, queries, settings, topK,
				new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
	}

	private List<JudgedQuery> validate(@Nullable List<EvaluationRequest.Query> queries) {
		if (queries == null || queries.isEmpty()) {
			throw new InvalidRequestException("invalid-request", "queries",
					"'queries' is required: a list of {\"id\", \"query\", \"relevant\": {\"<document id>\": grade}}");
		}
		if (queries.size() > MAX_QUERIES) {
			throw new InvalidRequestException("invalid-request", "queries",
					"at most " + MAX_QUERIES + " queries per evaluation, got " + queries.size());
		}
		List<JudgedQuery> judged = new ArrayList<>(queries.size());
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < queries.size(); i++) {
			EvaluationRequest.Query query = queries.get(i);
			String where = "queries[" + i + "]";
			if (query == null) {
				throw new InvalidRequestException("invalid-request", where, "queries must be objects");
			}
			if (query.id() == null || query.id().isBlank()) {
				throw new InvalidRequestException("invalid-request", where + ".id", "'id' is required");
			}
			if (!ids.add(query.id())) {
				throw new InvalidRequestException("invalid-request", where + ".id",
						"query id '" + query.id() + "' appears twice");
			}
			if (query.query() == null || query.query().isBlank()) {
				throw new InvalidRequestException("invalid-request", where + ".query",
						"'query' is required and must not be blank");
			}
			if (query.query().length() > this.limits.maxQueryChars()) {
				throw new InvalidRequestException("invalid-request", where + ".query", "'query' has "
						+ query.query().length() + " characters; at most " + this.limits.maxQueryChars() + " are accepted");
			}
			Map<String, Integer> relevant = query.relevant();
			if (relevant == null || relevant.isEmpty()) {
				throw new InvalidRequestException("invalid-request", where + ".relevant",
						"'relevant' is required: {\"<document id>\": grade} with at least one grade above 0");
			}
			for (Map.Entry<String, Integer> grade : relevant.entrySet()) {
				if (grade.getValue() == null || grade.getValue() < 0) {
					throw new InvalidRequestException("invalid-request", where + ".relevant." + grade.getKey(),
							"grades are integers, 0 (not relevant) or more; was " + grade.getValue());
				}
			}
			if (relevant.values().stream().noneMatch(grade -> grade > 0)) {
				throw new InvalidRequestException("invalid-request", where + ".relevant",
						"at least one document must have a grade above 0");
			}
			judged.add(new JudgedQuery(query.id(), Text.sanitize(query.query()).strip(), relevant));
		}
		return judged;
	}

}
