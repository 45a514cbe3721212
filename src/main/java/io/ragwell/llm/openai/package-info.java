@NullMarked
package io.ragwell.llm.openai;

import org.jspecify.annotations.NullMarked;
