@NullMarked
package io.ragwell.query.context;

import org.jspecify.annotations.NullMarked;
