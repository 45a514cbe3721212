/** Query expansion: more phrasings of the question (multi-query) or a hypothetical answer to embed (HyDE). */
@NullMarked
package io.ragwell.query.expand;

import org.jspecify.annotations.NullMarked;
