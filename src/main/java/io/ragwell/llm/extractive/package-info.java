@NullMarked
package io.ragwell.llm.extractive;

import org.jspecify.annotations.NullMarked;
