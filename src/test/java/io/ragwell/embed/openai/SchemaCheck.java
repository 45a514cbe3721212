package io.ragwell.embed.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks a JSON value (as Jackson or SnakeYAML maps and lists) against the part of JSON Schema the OpenAI
 * spec's request schemas use: type, enum, minimum, items, minItems, maxItems, properties, required,
 * additionalProperties false, oneOf and anyOf. Enough to hold a request body to the spec, not a validator.
 */
final class SchemaCheck {

	private SchemaCheck() {
	}

	/**
	 * @param value the value to check
	 * @param schema its schema
	 * @param path where the value sits, for messages
	 * @param violations receives one message per violation
	 */
	@SuppressWarnings("unchecked")
	static void check(@Nullable Object value, Map<String, Object> schema, String path, List<String> violations) {
		if (schema.get("oneOf") instanceof List<?> options) {
			long matches = options.stream().filter((option) -> matches(value, (Map<String, Object>) option)).count();
			if (matches != 1) {
				violations.add(path + " matches " + matches + " of the oneOf alternatives, not exactly one");
			}
		}
		if (schema.get("anyOf") instanceof List<?> options
				&& options.stream().noneMatch((option) -> matches(value, (Map<String, Object>) option))) {
			violations.add(path + " matches none of the anyOf alternatives");
		}
		if (schema.get("type") instanceof String type && !hasType(value, type)) {
			violations.add(path + " should be " + type + " but is " + value);
			return;
		}
		if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
			violations.add(path + " should be one of " + allowed + " but is " + value);
		}
		if (schema.get("minimum") instanceof Number minimum && value instanceof Number number
				&& number.doubleValue() < minimum.doubleValue()) {
			violations.add(path + " is below the minimum " + minimum);
		}
		if (value instanceof List<?> list) {
			checkArray(list, schema, path, violations);
		}
		if (value instanceof Map<?, ?> map) {
			checkObject((Map<String, Object>) map, schema, path, violations);
		}
	}

	@SuppressWarnings("unchecked")
	private static void checkArray(List<?> list, Map<String, Object> schema, String path, List<String> violations) {
		if (schema.get("minItems") instanceof Number min && list.size() < min.intValue()) {
			violations.add(path + " has fewer than " + min + " items");
		}
		if (schema.get("maxItems") instanceof Number max && list.size() > max.intValue()) {
			violations.add(path + " has more than " + max + " items");
		}
		if (schema.get("items") instanceof Map<?, ?> items) {
			for (int i = 0; i < list.size(); i++) {
				check(list.get(i), (Map<String, Object>) items, path + "[" + i + "]", violations);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static void checkObject(Map<String, Object> object, Map<String, Object> schema, String path,
			List<String> violations) {
		Map<String, Object> properties = (schema.get("properties") instanceof Map<?, ?> map)
				? (Map<String, Object>) map : Map.of();
		if (schema.get("required") instanceof List<?> required) {
			required.stream()
				.filter((name) -> !object.containsKey(name))
				.forEach((name) -> violations.add(path + " lacks the required " + name));
		}
		object.forEach((name, child) -> {
			if (properties.get(name) instanceof Map<?, ?> childSchema) {
				check(child, (Map<String, Object>) childSchema, path + "." + name, violations);
			}
			else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
				violations.add(path + " has " + name + ", which the schema does not allow");
			}
		});
	}

	private static boolean matches(@Nullable Object value, Map<String, Object> schema) {
		List<String> violations = new ArrayList<>();
		check(value, schema, "", violations);
		return violations.isEmpty();
	}

	private static boolean hasType(@Nullable Object value, String type) {
		return switch (type) {
			case "string" -> value instanceof String;
			case "integer" -> value instanceof Integer || value instanceof Long
					|| value instanceof java.math.BigInteger;
			case "number" -> value instanceof Number;
			case "boolean" -> value instanceof Boolean;
			case "array" -> value instanceof List<?>;
			case "object" -> value instanceof Map<?, ?>;
			case "null" -> value == null;
			default -> true;
		};
	}

}
