package io.ragwell.store.pinecone;

import java.util.List;
import java.util.Map;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Or;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts a {@link MetadataFilter} into Pinecone's MongoDB-like filter language. Metadata keys are stored
 * as {@code m_<key>}; {@code document_id} and {@code source} as {@code docId} and {@code source}. Pinecone
 * compares only numbers with {@code $gt}…{@code $lte}, so ranges over strings are rejected with a 400 naming
 * pinecone; {@code $in}/{@code $nin} take strings and numbers, so lists holding booleans become
 * {@code $or}/{@code $and} of {@code $eq}/{@code $ne}.
 */
public final class PineconeFilterConverter {

	static final String METADATA_PREFIX = "m_";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Map<String, String> RESERVED = Map.of(MetadataFilter.DOCUMENT_ID, "docId",
			MetadataFilter.SOURCE, "source");

	private PineconeFilterConverter() {
	}

	static String key(String field) {
		String reserved = RESERVED.get(field);
		return (reserved != null) ? reserved : METADATA_PREFIX + field;
	}

	/**
	 * @param filter the portable filter
	 * @return the Pinecone filter object
	 * @throws InvalidRequestException for what Pinecone cannot express
	 */
	public static ObjectNode convert(MetadataFilter filter) {
		return switch (filter) {
			case Comparison comparison -> {
				if (comparison.op().isRange() && comparison.value() instanceof String) {
					throw new InvalidRequestException("invalid-filter", "filter", "pinecone cannot apply "
							+ comparison.op() + " to the string value of '" + comparison.field()
							+ "': its range operators compare numbers only");
				}
				String operator = "$" + comparison.op().name().toLowerCase(java.util.Locale.ROOT);
				ObjectNode node = NODES.objectNode();
				put(node.putObject(key(comparison.field())), operator, comparison.value());
				yield node;
			}
			case In in -> {
				if (in.values().stream().anyMatch(Boolean.class::isInstance)) {
					List<MetadataFilter> parts = in.values().stream()
						.map(value -> (MetadataFilter) new Comparison(in.field(),
								in.negated() ? MetadataFilter.Op.NE : MetadataFilter.Op.EQ, value))
						.toList();
					yield convert(in.negated() ? new And(parts) : new Or(parts));
				}
				ObjectNode node = NODES.objectNode();
				ArrayNode values = node.putObject(key(in.field())).putArray(in.negated() ? "$nin" : "$in");
				in.values().forEach(value -> add(values, value));
				yield node;
			}
			case And and -> combine("$and", and.filters());
			case Or or -> combine("$or", or.filters());
		};
	}

	private static ObjectNode combine(String operator, List<MetadataFilter> filters) {
		ObjectNode node = NODES.objectNode();
		ArrayNode operands = node.putArray(operator);
		filters.forEach(child -> operands.add(convert(child)));
		return node;
	}

	private static void put(ObjectNode node, String operator, Object value) {
		switch (value) {
			case String text -> node.put(operator, text);
			case Boolean bool -> node.put(operator, bool);
			case Number number -> node.put(operator, number.doubleValue());
			default -> throw new IllegalArgumentException("unsupported filter value " + value);
		}
	}

	private static void add(ArrayNode array, Object value) {
		switch (value) {
			case String text -> array.add(text);
			case Number number -> array.add(number.doubleValue());
			default -> throw new IllegalArgumentException("unsupported filter value " + value);
		}
	}

}
