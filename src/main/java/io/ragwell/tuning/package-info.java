/**
 * Tuning a namespace's retrieval settings from its users' feedback ({@code /tuning} is in web): feedback joined to
 * the query log becomes judgments, a bounded grid of settings (mode, fusion, alpha, candidate depth) is scored on
 * them over the live index, and the winner on the tuning part replaces the current settings only if it also beats
 * them on the held-out part by a margin. The settings are kept through {@code query.plan.TunedSettings}, which the
 * query path reads. Layer of eval and feedback: it may depend on them, the pipelines and below; only web depends on
 * it.
 */
@NullMarked
package io.ragwell.tuning;

import org.jspecify.annotations.NullMarked;
