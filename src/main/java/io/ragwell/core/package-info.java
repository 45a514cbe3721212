@NullMarked
package io.ragwell.core;

import org.jspecify.annotations.NullMarked;
