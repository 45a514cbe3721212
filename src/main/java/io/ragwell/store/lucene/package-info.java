@NullMarked
package io.ragwell.store.lucene;

import org.jspecify.annotations.NullMarked;
