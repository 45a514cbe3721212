@NullMarked
package io.ragwell.system.health;

import org.jspecify.annotations.NullMarked;
