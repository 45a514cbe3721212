package io.ragwell.remote;

import java.util.Map;
import java.util.function.BiPredicate;

import io.ragwell.core.Chunk;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chunk as the flat JSON properties of a remote store's record (Weaviate's object properties, Pinecone's
 * vector metadata), and back. The whole metadata travels as one JSON string ({@code metadataJson}), so it reads
 * back exactly; the filterable values are copied beside it under a per-store prefix, for the store's filters.
 * <p>
 * The stores name a few properties differently; {@link Names} keeps each store's names, so the data already
 * stored reads back unchanged.
 */
public final class ChunkPayload {

	private static final TypeReference<Map<String, Object>> METADATA_TYPE = new TypeReference<>() {
	};

	private final JsonMapper json;

	private final Names names;

	/**
	 * @param json writes and reads the metadata JSON
	 * @param names the store's property names
	 */
	public ChunkPayload(JsonMapper json, Names names) {
		this.json = json;
		this.names = names;
	}

	/**
	 * Puts {@code chunk}'s properties on {@code target}.
	 * @param target the store's properties object
	 * @param chunk the chunk
	 * @param filterable which metadata entries the store can filter on, and so copies beside the JSON
	 * @return {@code target}
	 */
	public ObjectNode write(ObjectNode target, Chunk chunk, BiPredicate<String, Object> filterable) {
		target.put("docId", chunk.documentId());
		if (this.names.chunkId() != null) {
			target.put(this.names.chunkId(), chunk.id());
		}
		target.put(this.names.position(), chunk.position())
			.put("text", chunk.content())
			.put("tokenCount", chunk.tokenCount())
			.put("contentHash", chunk.contentHash())
			.put("metadataJson", this.json.writeValueAsString(chunk.metadata()));
		if (chunk.source() != null) {
			target.put("source", chunk.source());
		}
		chunk.metadata().forEach((key, value) -> {
			if (filterable.test(key, value)) {
				target.set(this.names.metadataPrefix() + key, this.json.valueToTree(value));
			}
		});
		return target;
	}

	/**
	 * The chunk in {@code properties}.
	 * @param properties what {@link #write} wrote (and the store may have added to)
	 * @param id the chunk id when the store keeps it outside the properties ({@link Names#chunkId()} null)
	 */
	public Chunk read(JsonNode properties, @Nullable String id) {
		String chunkId = (this.names.chunkId() != null) ? properties.path(this.names.chunkId()).asString() : id;
		if (chunkId == null) {
			throw new IllegalArgumentException("the chunk id is neither in the properties nor given");
		}
		String source = properties.path("source").isString() ? properties.path("source").stringValue() : null;
		return new Chunk(chunkId, properties.path("docId").asString(), properties.path("text").asString(),
				properties.path(this.names.position()).asInt(), metadata(properties.path("metadataJson").asString("{}")),
				properties.path("tokenCount").asInt(), source, properties.path("contentHash").asString());
	}

	/** Metadata as written into a {@code metadataJson} property. */
	public Map<String, Object> metadata(String metadataJson) {
		return this.json.readValue(metadataJson, METADATA_TYPE);
	}

	/**
	 * The properties a store names its own way; the rest ({@code docId}, {@code text}, {@code tokenCount},
	 * {@code contentHash}, {@code metadataJson}, {@code source}) are named alike everywhere.
	 * @param chunkId the chunk id's property; {@code null} when the record's id is the chunk id
	 * @param position the chunk position's property
	 * @param metadataPrefix prefixed to each filterable metadata key
	 */
	public record Names(@Nullable String chunkId, String position, String metadataPrefix) {
	}

}
