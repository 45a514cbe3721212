/**
 * {@code java -jar ragwell.jar import DIR --url …}: a client that walks a folder and uploads its files to a running
 * Ragwell over HTTP, with progress. It starts no Spring context and imports nothing of Ragwell's beyond this
 * package: it talks to the service only through its public API, as any client would. Filed under ingest (pipeline
 * layer) because it is the way a folder gets ingested; it depends on the JDK and Jackson only.
 */
@NullMarked
package io.ragwell.ingest.folder;

import org.jspecify.annotations.NullMarked;
