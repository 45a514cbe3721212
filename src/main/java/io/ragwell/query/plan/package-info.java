/**
 * The first stage of the query pipeline: a request validated, its filter parsed and its defaults resolved into
 * an immutable {@link io.ragwell.query.plan.QueryPlan}, before anything costs a model call.
 */
@NullMarked
package io.ragwell.query.plan;

import org.jspecify.annotations.NullMarked;
