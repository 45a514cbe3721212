@NullMarked
package io.ragwell.system;

import org.jspecify.annotations.NullMarked;
