/**
 * API keys, scopes, tenant namespaces ({@code Namespaces}, read by the controllers) and per-key rate limits, as a servlet filter whose
 * rejections are rendered as problem details. Part of the web layer (the API-key filter is the tenancy filter, and
 * {@code ProblemDetailsAdvice} renders its exceptions): it may depend on everything below web, not on ops.
 */
@NullMarked
package io.ragwell.web.security;

import org.jspecify.annotations.NullMarked;
