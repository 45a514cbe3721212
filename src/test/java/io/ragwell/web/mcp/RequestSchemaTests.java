package io.ragwell.web.mcp;

import java.util.List;
import java.util.Map;

import io.ragwell.ingest.DocumentInput;
import io.ragwell.query.plan.QueryRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The MCP tools' input schemas name exactly the members the REST API reads and writes for the same records. */
class RequestSchemaTests {

	/** The application's naming (spring.jackson.property-naming-strategy: SNAKE_CASE). */
	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	@SuppressWarnings("unchecked")
	private static Map<String, Object> properties(Map<String, Object> schema) {
		return (Map<String, Object>) schema.get("properties");
	}

	private static Map<String, Object> written(Object value) {
		return JSON.convertValue(value, new TypeReference<Map<String, Object>>() {
		});
	}

	@Test
	void queryRequestPropertiesAreTheMembersJacksonWrites() {
		Map<String, Object> schema = RequestSchema.of(QueryRequest.class, JSON, Map.of("top_k", "how many"),
				List.of("query"));
		QueryRequest everything = new QueryRequest("q", 3, Map.of("a", 1), "dense", "rrf", 0.5, 60);
		assertThat(properties(schema)).containsOnlyKeys(written(everything).keySet());
		assertThat(properties(schema).get("top_k")).isEqualTo(Map.of("type", "integer", "description", "how many"));
		assertThat(properties(schema).get("alpha")).isEqualTo(Map.of("type", "number"));
		assertThat(properties(schema).get("filters")).isEqualTo(Map.of("type", "object"));
		assertThat(schema.get("required")).isEqualTo(List.of("query"));
		// And what the schema names is what the REST body reader fills.
		QueryRequest read = JSON.convertValue(Map.of("query", "q", "top_k", 3, "rrf_k", 60), QueryRequest.class);
		assertThat(read.topK()).isEqualTo(3);
		assertThat(read.rrfK()).isEqualTo(60);
	}

	@Test
	void documentInputBatchesReferToTheRootSchema() {
		Map<String, Object> schema = RequestSchema.of(DocumentInput.class, JSON, Map.of(), List.of());
		DocumentInput document = new DocumentInput("id", "text", Map.of("k", "v"), "src", List.of());
		assertThat(properties(schema)).containsOnlyKeys(written(document).keySet());
		assertThat(properties(schema).get("documents"))
			.isEqualTo(Map.of("type", "array", "items", Map.of("$ref", "#")));
		assertThat(properties(schema).get("metadata")).isEqualTo(Map.of("type", "object"));
		assertThat(schema).doesNotContainKey("required");
	}

	@Test
	void aDescriptionOfAMemberThatDoesNotExistIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestSchema.of(QueryRequest.class, JSON, Map.of("topK", "camel case"), List.of()))
			.withMessageContaining("'topK' is not a JSON property of QueryRequest");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestSchema.of(QueryRequest.class, JSON, Map.of(), List.of("question")));
	}

}
