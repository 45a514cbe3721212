package io.ragwell.remote;

import java.util.Base64;
import java.util.Map;
import java.util.function.BiPredicate;

import io.ragwell.core.Chunk;
import io.ragwell.core.SentenceVectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chunk as the JSON properties of a remote store's record (Weaviate's object properties, Pinecone's vector
 * metadata, OpenSearch's {@code _source}), and back. The whole metadata travels in one property (a JSON string,
 * or an object where the store keeps unindexed objects), so it reads back exactly; filterable values are copied
 * beside it under a per-store prefix where the store filters on such copies.
 * <p>
 * The stores name the properties differently, and OpenSearch nests the unsearched ones in one unindexed object;
 * {@link Names} keeps each store's layout, so the data already stored reads back unchanged.
 */
public final class ChunkPayload {

	private static final String SOURCE = "source";

	private static final TypeReference<Map<String, Object>> METADATA_TYPE = new TypeReference<>() {
	};

	private final JsonMapper json;

	private final Names names;

	/** The property (beside token count and content hash) that keeps the sentence vectors; null: not kept. */
	private final @Nullable String sentenceVectors;

	/**
	 * A payload that does not keep {@link Chunk#sentenceVectors()}.
	 * @param json writes and reads the metadata JSON
	 * @param names the store's property names
	 */
	public ChunkPayload(JsonMapper json, Names names) {
		this(json, names, null);
	}

	/**
	 * @param json writes and reads the metadata JSON
	 * @param names the store's property names
	 * @param sentenceVectors the property that keeps a chunk's sentence vectors (base64 of
	 * {@link io.ragwell.core.SentenceVectors#toBytes()}, next to the token count); it must be one the store does
	 * not index. Null: they are not kept
	 */
	public ChunkPayload(JsonMapper json, Names names, @Nullable String sentenceVectors) {
		this.json = json;
		this.names = names;
		this.sentenceVectors = sentenceVectors;
	}

	/**
	 * Puts {@code chunk}'s properties on {@code target}.
	 * @param target the store's properties object
	 * @param chunk the chunk
	 * @param filterable which metadata entries the store can filter on, and so copies beside the JSON
	 * @return {@code target}
	 */
	public ObjectNode write(ObjectNode target, Chunk chunk, BiPredicate<String, Object> filterable) {
		Names names = this.names;
		target.put(names.documentId(), chunk.documentId());
		if (names.chunkId() != null) {
			target.put(names.chunkId(), chunk.id());
		}
		target.put(names.position(), chunk.position()).put(names.text(), chunk.content());
		ObjectNode stored = (names.stored() != null) ? target.putObject(names.stored()) : target;
		if (names.metadataAsJson()) {
			stored.put(names.tokenCount(), chunk.tokenCount())
				.put(names.contentHash(), chunk.contentHash())
				.put(names.metadata(), this.json.writeValueAsString(chunk.metadata()));
		}
		else {
			stored.set(names.metadata(), this.json.valueToTree(chunk.metadata()));
			stored.put(names.tokenCount(), chunk.tokenCount()).put(names.contentHash(), chunk.contentHash());
		}
		SentenceVectors vectors = chunk.sentenceVectors();
		if (this.sentenceVectors != null && vectors != null) {
			stored.put(this.sentenceVectors, Base64.getEncoder().encodeToString(vectors.toBytes()));
		}
		if (chunk.source() != null) {
			target.put(SOURCE, chunk.source());
		}
		if (names.metadataPrefix() != null) {
			chunk.metadata().forEach((key, value) -> {
				if (filterable.test(key, value)) {
					target.set(names.metadataPrefix() + key, this.json.valueToTree(value));
				}
			});
		}
		return target;
	}

	/**
	 * The chunk in {@code properties}.
	 * @param properties what {@link #write} wrote (and the store may have added to)
	 * @param id the chunk id when the store keeps it outside the properties ({@link Names#chunkId()} null)
	 */
	public Chunk read(JsonNode properties, @Nullable String id) {
		Names names = this.names;
		String chunkId = (names.chunkId() != null) ? properties.path(names.chunkId()).asString() : id;
		if (chunkId == null) {
			throw new IllegalArgumentException("the chunk id is neither in the properties nor given");
		}
		JsonNode stored = (names.stored() != null) ? properties.path(names.stored()) : properties;
		JsonNode metadata = stored.path(names.metadata());
		String source = properties.path(SOURCE).isString() ? properties.path(SOURCE).stringValue() : null;
		return new Chunk(chunkId, properties.path(names.documentId()).asString(),
				properties.path(names.text()).asString(), properties.path(names.position()).asInt(),
				names.metadataAsJson() ? metadata(metadata.asString("{}")) : metadata(metadata),
				stored.path(names.tokenCount()).asInt(), source, stored.path(names.contentHash()).asString(),
				sentenceVectors(stored));
	}

	private @Nullable SentenceVectors sentenceVectors(JsonNode stored) {
		if (this.sentenceVectors == null || !stored.path(this.sentenceVectors).isString()) {
			return null;
		}
		return SentenceVectors.fromBytes(Base64.getDecoder().decode(stored.path(this.sentenceVectors).stringValue()));
	}

	/** Metadata as written into a JSON-string property. */
	public Map<String, Object> metadata(String metadataJson) {
		return this.json.readValue(metadataJson, METADATA_TYPE);
	}

	/** Metadata as written into an object property; empty when there is none. */
	public Map<String, Object> metadata(JsonNode node) {
		return node.isObject() ? this.json.treeToValue(node, METADATA_TYPE) : Map.of();
	}

	/**
	 * A store's property names ({@code source} is {@code source} everywhere).
	 * @param documentId the document id's property
	 * @param chunkId the chunk id's property; {@code null} when the record's id is the chunk id
	 * @param position the chunk position's property
	 * @param text the chunk text's property
	 * @param tokenCount the token count's property
	 * @param contentHash the content hash's property
	 * @param metadata the whole metadata's property
	 * @param metadataAsJson whether the metadata is kept as a JSON string (else as an object)
	 * @param stored the object property that holds token count, content hash and metadata; {@code null} when
	 * they sit beside the others
	 * @param metadataPrefix prefixed to each filterable metadata key copied beside the rest; {@code null} when
	 * the store indexes metadata its own way
	 */
	public record Names(String documentId, @Nullable String chunkId, String position, String text, String tokenCount,
			String contentHash, String metadata, boolean metadataAsJson, @Nullable String stored,
			@Nullable String metadataPrefix) {

		/** The flat camel-case layout of Weaviate and Pinecone, metadata as {@code metadataJson}. */
		public static Names flat(@Nullable String chunkId, String position, String metadataPrefix) {
			return new Names("docId", chunkId, position, "text", "tokenCount", "contentHash", "metadataJson", true,
					null, metadataPrefix);
		}

	}

}
