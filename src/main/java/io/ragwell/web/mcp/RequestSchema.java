package io.ragwell.web.mcp;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Schema (draft 2020-12 subset: {@code type}, {@code properties}, {@code items}, {@code $ref}) generated
 * from a request record, with the property names the application's JSON mapper reads and writes, so an MCP tool
 * takes exactly the body the REST endpoint takes. A component of the record's own type (a batch of documents)
 * refers back to the root with {@code "$ref": "#"}.
 */
final class RequestSchema {

	private RequestSchema() {
	}

	/**
	 * @param type a record type the REST API reads as a request body
	 * @param mapper the application's mapper (its naming strategy names the properties)
	 * @param descriptions property descriptions by JSON name; every key must be a property of {@code type}
	 * @param required JSON names of the properties a caller must send
	 * @return the schema, as the maps and lists MCP's {@code inputSchema} holds
	 * @throws IllegalArgumentException when a description or required name is not a property (a renamed field)
	 */
	static Map<String, Object> of(Class<? extends Record> type, JsonMapper mapper, Map<String, String> descriptions,
			List<String> required) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			Map<String, Object> property = new LinkedHashMap<>(schema(component.getGenericType(), type));
			String name = jsonName(mapper, component.getName());
			String description = descriptions.get(name);
			if (description != null) {
				property.put("description", description);
			}
			properties.put(name, property);
		}
		for (String name : descriptions.keySet()) {
			check(properties, name, type);
		}
		for (String name : required) {
			check(properties, name, type);
		}
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		if (!required.isEmpty()) {
			schema.put("required", List.copyOf(required));
		}
		return schema;
	}

	/** The JSON name of a record component under the mapper's naming strategy (snake_case in Ragwell). */
	static String jsonName(JsonMapper mapper, String javaName) {
		PropertyNamingStrategy strategy = mapper.serializationConfig().getPropertyNamingStrategy();
		// Record components are read through their fields' names; the strategies Boot offers ignore the field.
		return (strategy != null) ? strategy.nameForField(mapper.serializationConfig(), null, javaName) : javaName;
	}

	private static void check(Map<String, Object> properties, String name, Class<?> type) {
		if (!properties.containsKey(name)) {
			throw new IllegalArgumentException(
					"'" + name + "' is not a JSON property of " + type.getSimpleName() + ": " + properties.keySet());
		}
	}

	private static Map<String, Object> schema(Type type, Class<?> root) {
		if (type == root) {
			return Map.of("$ref", "#");
		}
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			if (List.class.isAssignableFrom(raw)) {
				return Map.of("type", "array", "items", schema(parameterized.getActualTypeArguments()[0], root));
			}
			if (Map.class.isAssignableFrom(raw)) {
				return Map.of("type", "object");
			}
		}
		if (type == String.class) {
			return Map.of("type", "string");
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return Map.of("type", "integer");
		}
		if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
			return Map.of("type", "number");
		}
		if (type == Boolean.class || type == boolean.class) {
			return Map.of("type", "boolean");
		}
		// Object components hold free-form JSON objects (filters); the OpenAPI document says "object" too.
		if (type == Object.class) {
			return Map.of("type", "object");
		}
		throw new IllegalArgumentException("no JSON Schema rule for " + type.getTypeName() + " in "
				+ root.getSimpleName() + "; add one rather than guess");
	}

}
