package io.ragwell.store.opensearch;

import java.util.Map;
import java.util.Optional;

import io.ragwell.core.SettingsStore;
import okhttp3.HttpUrl;

/**
 * Settings documents in OpenSearch, so every replica of a deployment reads the same tuned settings: one document
 * per namespace and name in {@code <index>-settings}, the settings JSON held as an unindexed string. Indexing one
 * document is atomic, acknowledged once it is in the translog (durable), and a GET by id is real time, so a write
 * is seen by the next read of any replica (which caches it for {@code ragwell.tuning.settings-ttl}).
 */
public final class OpenSearchSettingsStore implements SettingsStore {

	private final OpenSearchVectorStore store;

	private final String index;

	private volatile boolean indexReady;

	public OpenSearchSettingsStore(OpenSearchVectorStore store) {
		this.store = store;
		this.index = store.baseIndex() + "-settings";
	}

	/** The name of the index holding the documents (for tests and operators). */
	public String index() {
		return this.index;
	}

	@Override
	public Optional<String> read(String namespace, String name) {
		HttpUrl url = this.store.url(this.index, "_doc", id(namespace, name));
		// 404 is both "never written" and "no index yet". The short (health probe) timeout: the query path reads this
		// (through a cache), and an unreachable cluster must fail the search, not stall the planning first.
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.quickRemote(), this.store.get(url), 404);
		if (!reply.body().path("found").asBoolean(false)) {
			return Optional.empty();
		}
		// The id is derived from the namespace; the stored field is checked as well.
		if (!namespace.equals(reply.body().path("_source").path("namespace").asString(""))) {
			return Optional.empty();
		}
		String json = reply.body().path("_source").path("json").asString(null);
		return Optional.ofNullable(json);
	}

	@Override
	public void write(String namespace, String name, String json) {
		if (json.length() > MAX_DOCUMENT_CHARS) {
			throw new IllegalArgumentException(
					"a settings document holds at most " + MAX_DOCUMENT_CHARS + " characters, was " + json.length());
		}
		ensureIndex();
		HttpUrl url = this.store.url(this.index, "_doc", id(namespace, name));
		String body = this.store.json().writeValueAsString(Map.of("namespace", namespace, "name", name, "json", json));
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.remote(), this.store.put(url, body), 404);
		if (reply.status() == 404) {
			// The index was deleted under us (an operator, a test): create it again and write once more.
			this.indexReady = false;
			ensureIndex();
			this.store.call(this.store.remote(), this.store.put(url, body));
		}
	}

	private void ensureIndex() {
		if (this.indexReady) {
			return;
		}
		this.store.createSideIndex(this.index, Map.of("namespace", Map.of("type", "keyword"), "name",
						Map.of("type", "keyword"), "json", Map.of("type", "keyword", "index", false, "doc_values", false)));
		this.indexReady = true;
	}

	/** The namespace's index name is already a distinct, valid id for every namespace; the name is [a-z0-9-]. */
	private String id(String namespace, String name) {
		return OpenSearchFields.namespaceIndex(this.store.baseIndex(), namespace) + "." + SettingsStore.checkName(name);
	}

}
