@NullMarked
package io.ragwell.ingest.chunk;

import org.jspecify.annotations.NullMarked;
