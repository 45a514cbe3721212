@NullMarked
package io.ragwell.query.filter;

import org.jspecify.annotations.NullMarked;
