package io.ragwell.remote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkPayloadTests {

	private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

	private static final ChunkPayload.Names WEAVIATE = ChunkPayload.Names.flat("chunkId", "chunkIndex", "meta_");

	private static final ChunkPayload.Names PINECONE = ChunkPayload.Names.flat(null, "position", "m_");

	private static final ChunkPayload.Names OPENSEARCH = new ChunkPayload.Names("document_id", "chunk_id", "position",
			"text", "token_count", "content_hash", "metadata", false, "stored", null);

	private static Chunk chunk(String source) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("lang", "en");
		metadata.put("year", 2024L);
		metadata.put("tags", List.of("a", "b"));
		metadata.put("nested", Map.of("x", true));
		return new Chunk("doc-1#3", "doc-1", "some text", 3, metadata, 12, source, "hash");
	}

	@ParameterizedTest
	@ValueSource(strings = { "weaviate", "pinecone", "opensearch" })
	void everyLayoutReadsBackWhatItWrote(String store) {
		ChunkPayload.Names names = switch (store) {
			case "weaviate" -> WEAVIATE;
			case "pinecone" -> PINECONE;
			default -> OPENSEARCH;
		};
		ChunkPayload payload = new ChunkPayload(JSON, names);
		for (String source : new String[] { "a.pdf", null }) {
			Chunk chunk = chunk(source);
			ObjectNode written = payload.write(JSON.createObjectNode(), chunk, (key, value) -> true);
			assertThat(payload.read(written, "doc-1#3")).isEqualTo(chunk);
		}
	}

	@Test
	void flatLayoutKeepsTheStoredPropertyNamesAndCopiesOnlyFilterableMetadata() {
		ObjectNode written = new ChunkPayload(JSON, WEAVIATE).write(JSON.createObjectNode(), chunk("a.pdf"),
				(key, value) -> !(value instanceof Map));
		assertThat(written.propertyNames()).containsExactlyInAnyOrder("docId", "chunkId", "chunkIndex", "text",
				"tokenCount",
				"contentHash", "metadataJson", "source", "meta_lang", "meta_year", "meta_tags");
	}

	@Test
	void openSearchLayoutNestsTheUnsearchedFieldsAndCopiesNoMetadata() {
		ObjectNode written = new ChunkPayload(JSON, OPENSEARCH).write(JSON.createObjectNode(), chunk("a.pdf"),
				(key, value) -> true);
		assertThat(written.propertyNames()).containsExactly("document_id", "chunk_id", "position", "text", "stored",
				"source");
		assertThat(written.path("stored").propertyNames()).containsExactlyInAnyOrder("metadata", "token_count",
				"content_hash");
		assertThat(written.path("stored").path("metadata").isObject()).isTrue();
	}

	@Test
	void pineconeLayoutTakesTheChunkIdFromTheRecord() {
		ChunkPayload payload = new ChunkPayload(JSON, PINECONE);
		ObjectNode written = payload.write(JSON.createObjectNode(), chunk(null), (key, value) -> false);
		assertThat(written.has("chunkId")).isFalse();
		assertThat(payload.read(written, "doc-1#3").id()).isEqualTo("doc-1#3");
	}

}
