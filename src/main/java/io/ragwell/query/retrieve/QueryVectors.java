package io.ragwell.query.retrieve;

import io.ragwell.core.Embedder;
import io.ragwell.query.cache.ResponseCache;

/**
 * Embeds what the query pipeline searches with. Questions (and their paraphrases) go through the query-embedding
 * cache: the same question asked again costs no model call.
 */
public final class QueryVectors {

	private final Embedder embedder;

	private final ResponseCache cache;

	public QueryVectors(Embedder embedder, ResponseCache cache) {
		this.embedder = embedder;
		this.cache = cache;
	}

	/** A question's embedding, as the model embeds queries. */
	public float[] question(String text) {
		return this.cache.embedding(this.embedder.modelName(), text, () -> this.embedder.embedQuery(text));
	}

	/**
	 * A passage's embedding, as the model embeds documents (HyDE's hypothetical answer stands in for one); not
	 * cached, since a written passage is rarely written twice.
	 */
	public float[] passage(String text) {
		return this.embedder.embed(text);
	}

}
