@NullMarked
package io.ragwell.store;

import org.jspecify.annotations.NullMarked;
