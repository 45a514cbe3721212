package io.ragwell.query.plan;


/** Turns a request into a {@link QueryPlan}. The default is {@link DefaultQueryPlanner}. */
public interface QueryPlanner {

	/**
	 * @param request the request as the API received it
	 * @return the plan
	 * @throws io.ragwell.core.InvalidRequestException naming the field, when a value is missing or out of range
	 */
	QueryPlan plan(QueryRequest request);

}
