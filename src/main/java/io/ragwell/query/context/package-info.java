/**
 * Packs retrieved chunks into the numbered context the LLM sees, within a token budget; citations refer to this
 * numbering. Pure functions over core records: it depends on core only.
 */
@NullMarked
package io.ragwell.query.context;

import org.jspecify.annotations.NullMarked;
