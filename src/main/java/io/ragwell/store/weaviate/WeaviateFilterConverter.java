package io.ragwell.store.weaviate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts a {@link MetadataFilter} into a Weaviate {@code where} filter (REST JSON form, rendered for GraphQL
 * by {@link #toGraphQl}), with the Lucene store's semantics.
 *
 * <p>Weaviate properties are typed and filtering a property the class does not have is a GraphQL error, so
 * the converter consults the class's property types: a comparison against a missing property, or against a
 * value of another type, is decided here (EQ/IN/ranges match nothing, NE/NIN match everything) instead of
 * being sent. Constant branches are folded; the whole filter can come out as {@link Where#all()} or
 * {@link Where#none()}. What Weaviate cannot express is rejected with a 400 naming weaviate and the operator:
 * ranges over text (its text ranges follow the tokenizer, not code point order) and metadata keys that are
 * not GraphQL names.
 */
public final class WeaviateFilterConverter {

	/** Metadata keys become properties {@code meta_<key>}; GraphQL names allow only these characters. */
	static final Pattern KEY = Pattern.compile("[_0-9A-Za-z]+");

	static final String METADATA_PREFIX = "meta_";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Map<String, String> RESERVED = Map.of(MetadataFilter.DOCUMENT_ID, "docId",
			MetadataFilter.SOURCE, "source");

	private WeaviateFilterConverter() {
	}

	/** A converted filter: a {@code where} node, or a constant. */
	public record Where(@Nullable ObjectNode node, boolean matchesNothing) {

		static Where all() {
			return new Where(null, false);
		}

		static Where none() {
			return new Where(null, true);
		}

	}

	/**
	 * @param filter the portable filter
	 * @param propertyType data type of a class property ({@code text}, {@code number}, {@code boolean},
	 * {@code text[]} …) or {@code null} when the class has no such property
	 * @return the where filter, or a constant when the outcome is known without asking Weaviate
	 * @throws InvalidRequestException for what Weaviate cannot express
	 */
	public static Where convert(MetadataFilter filter, Function<String, @Nullable String> propertyType) {
		Object converted = convertNode(filter, propertyType);
		if (converted instanceof Boolean constant) {
			return constant ? Where.all() : Where.none();
		}
		return new Where((ObjectNode) converted, false);
	}

	/** The property a filter field or metadata key lives in. */
	static String propertyName(String field) {
		String reserved = RESERVED.get(field);
		return (reserved != null) ? reserved : METADATA_PREFIX + field;
	}

	private static Object convertNode(MetadataFilter filter, Function<String, @Nullable String> propertyType) {
		return switch (filter) {
			case Comparison comparison -> comparison(comparison.field(), comparison.op(), comparison.value(),
					propertyType);
			case In in -> {
				List<MetadataFilter> parts = new ArrayList<>();
				in.values().forEach(value -> parts.add(new Comparison(in.field(), in.negated() ? Op.NE : Op.EQ, value)));
				yield combine(in.negated() ? "And" : "Or", parts, propertyType);
			}
			case And and -> combine("And", and.filters(), propertyType);
			case Or or -> combine("Or", or.filters(), propertyType);
		};
	}

	private static Object combine(String operator, List<MetadataFilter> filters,
			Function<String, @Nullable String> propertyType) {
		boolean and = operator.equals("And");
		List<ObjectNode> operands = new ArrayList<>();
		for (MetadataFilter child : filters) {
			Object converted = convertNode(child, propertyType);
			if (converted instanceof Boolean constant) {
				if (constant != and) {
					return constant; // false inside And, true inside Or decides the whole
				}
				continue; // neutral element
			}
			operands.add((ObjectNode) converted);
		}
		if (operands.isEmpty()) {
			return and;
		}
		if (operands.size() == 1) {
			return operands.get(0);
		}
		ObjectNode node = NODES.objectNode().put("operator", operator);
		ArrayNode array = node.putArray("operands");
		operands.forEach(array::add);
		return node;
	}

	private static Object comparison(String field, Op op, Object value,
			Function<String, @Nullable String> propertyType) {
		if (!RESERVED.containsKey(field) && !KEY.matcher(field).matches()) {
			throw new InvalidRequestException("invalid-filter", "filter", "weaviate cannot filter on metadata key '"
					+ field + "' with " + op + ": only keys of letters, digits and _ are filterable in weaviate");
		}
		String property = propertyName(field);
		String type = RESERVED.containsKey(field) ? "text" : propertyType.apply(property);
		String valueType = switch (value) {
			case String text -> "text";
			case Boolean bool -> "boolean";
			default -> "number";
		};
		if (op.isRange() && valueType.equals("text")) {
			throw new InvalidRequestException("invalid-filter", "filter", "weaviate cannot apply " + op
					+ " to text values (field '" + field + "'): its text ranges follow tokenization, use a number");
		}
		if (type == null || !baseType(type).equals(valueType)) {
			// No such property, or a value of another type: never equal, never in range.
			return op == Op.NE;
		}
		ObjectNode node = NODES.objectNode().put("operator", operator(op));
		node.putArray("path").add(property);
		switch (value) {
			case String text -> node.put("valueText", text);
			case Boolean bool -> node.put("valueBoolean", bool);
			case Number number -> node.put("valueNumber", number.doubleValue());
			default -> throw new IllegalArgumentException("unsupported filter value " + value);
		}
		return node;
	}

	static String baseType(String dataType) {
		String base = dataType.endsWith("[]") ? dataType.substring(0, dataType.length() - 2) : dataType;
		return base.equals("int") ? "number" : base;
	}

	private static String operator(Op op) {
		return switch (op) {
			case EQ -> "Equal";
			case NE -> "NotEqual";
			case GT -> "GreaterThan";
			case GTE -> "GreaterThanEqual";
			case LT -> "LessThan";
			case LTE -> "LessThanEqual";
		};
	}

	/** Conjunction of two where nodes. */
	static ObjectNode and(ObjectNode first, @Nullable ObjectNode second) {
		if (second == null) {
			return first;
		}
		ObjectNode node = NODES.objectNode().put("operator", "And");
		node.putArray("operands").add(first).add(second);
		return node;
	}

	/** Equality on a text property. */
	static ObjectNode textEquals(String property, String value) {
		ObjectNode node = NODES.objectNode().put("operator", "Equal");
		node.putArray("path").add(property);
		return node.put("valueText", value);
	}

	/**
	 * The GraphQL argument form of a where node: the same structure with {@code operator} as an enum literal
	 * (unquoted) and strings as GraphQL string literals.
	 */
	static String toGraphQl(JsonNode node, JsonMapper json) {
		StringBuilder out = new StringBuilder();
		render(node, null, json, out);
		return out.toString();
	}

	private static void render(JsonNode node, @Nullable String key, JsonMapper json, StringBuilder out) {
		if (node.isObject()) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (!first) {
					out.append(", ");
				}
				first = false;
				out.append(entry.getKey()).append(": ");
				render(entry.getValue(), entry.getKey(), json, out);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(", ");
				}
				render(node.get(i), null, json, out);
			}
			out.append(']');
		}
		else if (node.isString() && "operator".equals(key)) {
			out.append(node.stringValue());
		}
		else {
			// JSON's string escapes are valid GraphQL escapes; numbers and booleans are spelled alike.
			out.append(json.writeValueAsString(node));
		}
	}

}
