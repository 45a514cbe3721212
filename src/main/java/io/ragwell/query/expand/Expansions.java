package io.ragwell.query.expand;

import java.util.List;

import io.ragwell.query.plan.SearchQuery;
import org.slf4j.Logger;

/** What every expansion does when its LLM call fails: search the question alone, and say so. */
final class Expansions {

	private Expansions() {
	}

	static ExpandedQuery failed(Logger log, String label, SearchQuery question, RuntimeException cause) {
		log.warn("query expansion failed, retrieving for the question alone expansion={} cause={}", label,
				cause.getClass().getSimpleName());
		return new ExpandedQuery(List.of(question),
				List.of("Query expansion (" + label + ") failed; results are for the question alone."), true);
	}

}
