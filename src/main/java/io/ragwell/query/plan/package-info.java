/**
 * The first stage of the query pipeline: a request validated, its filter parsed and its defaults resolved into
 * an immutable {@link io.ragwell.query.plan.QueryPlan}, before anything costs a model call. Also what the other stages share: the request ({@code QueryRequest}), the
 * settings ({@code QueryProperties}, {@code LimitsProperties}) and the fusion chosen ({@code FusionSettings}); so
 * it depends on no other query package but {@code filter}.
 */
@NullMarked
package io.ragwell.query.plan;

import org.jspecify.annotations.NullMarked;
