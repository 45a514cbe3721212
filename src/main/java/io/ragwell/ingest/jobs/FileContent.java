package io.ragwell.ingest.jobs;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of one uploaded file, read once, into the spool, while the job is accepted. */
@FunctionalInterface
public interface FileContent {

	InputStream open() throws IOException;

}
