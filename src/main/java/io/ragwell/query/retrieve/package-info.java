@NullMarked
package io.ragwell.query.retrieve;

import org.jspecify.annotations.NullMarked;
