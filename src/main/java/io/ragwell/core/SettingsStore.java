package io.ragwell.core;

import java.util.Optional;

/**
 * Small documents kept per namespace beside the namespace's data, such as the retrieval settings tuned from its
 * feedback: a file next to the Lucene index, a document in OpenSearch. A namespace only ever reads and writes
 * its own documents. Writes are atomic (a reader sees the old document or the new one, never a mix) and durable
 * on return; documents are a few kilobytes, written rarely and read through a cache.
 */
public interface SettingsStore {

	/** Longest document accepted: settings, not data. */
	int MAX_DOCUMENT_CHARS = 64 * 1024;

	/**
	 * @param namespace tenant namespace
	 * @param name the document's name, {@code [a-z0-9-]+}
	 * @return the document's JSON, or empty when none was written
	 */
	Optional<String> read(String namespace, String name);

	/**
	 * Replaces the document atomically and durably.
	 * @param namespace tenant namespace
	 * @param name the document's name, {@code [a-z0-9-]+}
	 * @param json its JSON, at most {@link #MAX_DOCUMENT_CHARS} characters
	 */
	void write(String namespace, String name, String json);

	/** Rejects a name that could leave the namespace's own space; shared by every implementation. */
	static String checkName(String name) {
		if (!name.matches("[a-z0-9-]{1,64}")) {
			throw new IllegalArgumentException("settings document names are [a-z0-9-]{1,64}, was '" + name + "'");
		}
		return name;
	}

}
