/**
 * Parses a request's {@code filters} JSON into the portable {@link io.ragwell.core.MetadataFilter} tree;
 * anything it does not understand is a 400, never ignored. Part of the query pipeline: it may depend on core
 * only.
 */
@NullMarked
package io.ragwell.query.filter;

import org.jspecify.annotations.NullMarked;
