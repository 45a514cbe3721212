@NullMarked
package io.ragwell.system.metrics;

import org.jspecify.annotations.NullMarked;
