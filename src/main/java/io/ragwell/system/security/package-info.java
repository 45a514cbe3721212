@NullMarked
package io.ragwell.system.security;

import org.jspecify.annotations.NullMarked;
