@NullMarked
package io.ragwell.system.cache;

import org.jspecify.annotations.NullMarked;
