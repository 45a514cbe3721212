@NullMarked
package io.ragwell.embed;

import org.jspecify.annotations.NullMarked;
