@NullMarked
package io.ragwell.llm;

import org.jspecify.annotations.NullMarked;
