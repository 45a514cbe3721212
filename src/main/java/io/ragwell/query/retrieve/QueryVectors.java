package io.ragwell.query.retrieve;

import io.ragwell.core.Embedder;

/**
 * Embeds what the query pipeline searches with. Questions (and their paraphrases) are embedded as queries, through
 * the composed embedder, whose outermost layer ({@code query.cache.QueryEmbeddingCache}) makes the same question
 * asked again, or embedded again by a later stage, cost no model call.
 */
public final class QueryVectors {

	private final Embedder embedder;

	public QueryVectors(Embedder embedder) {
		this.embedder = embedder;
	}

	/** A question's embedding, as the model embeds queries. */
	public float[] question(String text) {
		return this.embedder.embedQuery(text);
	}

	/**
	 * A passage's embedding, as the model embeds documents (HyDE's hypothetical answer stands in for one); not
	 * cached, since a written passage is rarely written twice.
	 */
	public float[] passage(String text) {
		return this.embedder.embed(text);
	}

}
