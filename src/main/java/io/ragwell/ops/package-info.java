/**
 * Operations, in the top layer beside web: the decorators around every port, composed in one place
 * ({@code PortCompositionConfiguration}: metered outside resilient outside the adapter), with metrics in
 * {@code metrics}, resilience in {@code resilience} and readiness in {@code health}. It may depend on every layer
 * below (core, the adapters' ports, the pipelines' metric names) but not on web, and nothing depends on it.
 */
@NullMarked
package io.ragwell.ops;

import org.jspecify.annotations.NullMarked;
