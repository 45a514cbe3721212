@NullMarked
package io.ragwell.query;

import org.jspecify.annotations.NullMarked;
