/**
 * API keys, scopes, tenant namespaces and per-key rate limits, as a servlet filter whose rejections are rendered
 * as problem details. Top layer: it may depend on core and the web plumbing ({@code Namespaces}); today {@code
 * ProblemDetailsAdvice} imports its exceptions back, so it belongs in the same (web) layer.
 */
@NullMarked
package io.ragwell.web.security;

import org.jspecify.annotations.NullMarked;
