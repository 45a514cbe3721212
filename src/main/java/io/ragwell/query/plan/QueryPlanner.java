package io.ragwell.query.plan;


/** Turns a request into a {@link QueryPlan}. The default is {@link DefaultQueryPlanner}. */
public interface QueryPlanner {

	/**
	 * @param request the request as the API received it
	 * @return the plan
	 * @throws io.ragwell.core.InvalidRequestException naming the field, when a value is missing or out of range
	 */
	QueryPlan plan(QueryRequest request);

	/**
	 * Plans a request of {@code namespace}, whose tuned retrieval settings (if any) fill in what the request leaves
	 * out. The default ignores tuning.
	 * @param namespace the caller's tenant namespace
	 * @param request the request as the API received it
	 * @return the plan
	 */
	default QueryPlan plan(String namespace, QueryRequest request) {
		return plan(request);
	}

}
