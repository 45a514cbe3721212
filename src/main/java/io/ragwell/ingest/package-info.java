@NullMarked
package io.ragwell.ingest;

import org.jspecify.annotations.NullMarked;
