package io.ragwell.store.opensearch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Or;

/**
 * Converts a {@link MetadataFilter} into OpenSearch query DSL (as maps ready for JSON) over the fields that
 * {@link OpenSearchVectorStore} indexes, with the semantics of the Lucene store's converter:
 * <ul>
 * <li>{@code EQ} matches when some value of a (possibly multi-valued) field equals the operand; strings and
 * booleans compare exactly, numbers numerically as doubles (2 equals 2.0); values of different types never
 * match.</li>
 * <li>{@code NE} and {@code NIN} are negations, so they also match chunks lacking the field.</li>
 * <li>Ranges compare numbers numerically and strings by code point order (keyword fields sort by UTF-8
 * bytes); a range never matches values of the other type.</li>
 * <li>{@code document_id} and {@code source} address the reserved keyword fields.</li>
 * </ul>
 * Filters OpenSearch would refuse (too many clauses or terms) are rejected up front with a 400.
 */
public final class OpenSearchFilterConverter {

	/** OpenSearch's default {@code indices.query.bool.max_clause_count}. */
	static final int MAX_CLAUSES = 1024;

	/** OpenSearch's default {@code index.max_terms_count} for one {@code terms} query. */
	static final int MAX_TERMS = 65_536;

	private static final Map<String, Object> MATCH_NONE = Map.of("match_none", Map.of());

	private OpenSearchFilterConverter() {
	}

	/**
	 * The query matching exactly the chunks {@code filter} accepts, for a {@code filter} clause (scores carry
	 * no meaning).
	 * @param filter the portable filter tree
	 * @return query DSL as nested maps
	 * @throws InvalidRequestException when OpenSearch cannot express the filter
	 */
	public static Map<String, Object> toQuery(MetadataFilter filter) {
		return switch (filter) {
			case Comparison comparison -> comparison(comparison);
			case In in -> in.negated() ? not(anyOf(in.field(), in.values())) : anyOf(in.field(), in.values());
			case And and -> bool("filter", children(and.filters()), false);
			case Or or -> bool("should", children(or.filters()), true);
		};
	}

	private static List<Map<String, Object>> children(List<MetadataFilter> filters) {
		if (filters.size() > MAX_CLAUSES) {
			throw rejected("a filter combines " + filters.size() + " conditions; opensearch allows at most "
					+ MAX_CLAUSES + " in one $and/$or");
		}
		return filters.stream().map(OpenSearchFilterConverter::toQuery).toList();
	}

	private static Map<String, Object> comparison(Comparison comparison) {
		String field = checkField(comparison.field());
		Object value = comparison.value();
		return switch (comparison.op()) {
			case EQ -> equalTo(field, value);
			case NE -> not(equalTo(field, value));
			case GT -> range(field, value, "gt");
			case GTE -> range(field, value, "gte");
			case LT -> range(field, value, "lt");
			case LTE -> range(field, value, "lte");
		};
	}

	private static Map<String, Object> equalTo(String field, Object value) {
		if (isReserved(field)) {
			return (value instanceof String text) ? term(field, text) : MATCH_NONE;
		}
		return switch (value) {
			case String text -> stringTerm(field, text);
			case Boolean bool -> term(OpenSearchFields.METADATA_BOOLEANS, OpenSearchFields.booleanTerm(field, bool));
			case Number number -> term(OpenSearchFields.METADATA_NUMBERS,
					OpenSearchFields.numberTerm(field, number.doubleValue()));
			default -> throw new IllegalArgumentException("unsupported filter value " + value);
		};
	}

	/** A value too long to be indexed matches nothing, as an unindexed value cannot be found. */
	private static Map<String, Object> stringTerm(String field, String text) {
		String term = OpenSearchFields.stringTerm(field, text);
		return (term == null) ? MATCH_NONE : term(OpenSearchFields.METADATA_STRINGS, term);
	}

	private static Map<String, Object> anyOf(String field, List<Object> values) {
		checkField(field);
		if (values.size() > MAX_TERMS) {
			throw rejected("the list for '" + field + "' has " + values.size() + " values; opensearch allows at most "
					+ MAX_TERMS);
		}
		boolean reserved = isReserved(field);
		List<Object> strings = new ArrayList<>();
		List<Object> booleans = new ArrayList<>();
		List<Object> numbers = new ArrayList<>();
		for (Object value : values) {
			switch (value) {
				case String text -> {
					String term = reserved ? text : OpenSearchFields.stringTerm(field, text);
					if (term != null) {
						strings.add(term);
					}
				}
				case Boolean bool -> booleans.add(OpenSearchFields.booleanTerm(field, bool));
				case Number number -> numbers.add(OpenSearchFields.numberTerm(field, number.doubleValue()));
				default -> throw new IllegalArgumentException("unsupported filter value " + value);
			}
		}
		List<Map<String, Object>> clauses = new ArrayList<>();
		if (!strings.isEmpty()) {
			clauses.add(terms(reserved ? field : OpenSearchFields.METADATA_STRINGS, strings));
		}
		if (!reserved && !booleans.isEmpty()) {
			clauses.add(terms(OpenSearchFields.METADATA_BOOLEANS, booleans));
		}
		if (!reserved && !numbers.isEmpty()) {
			clauses.add(terms(OpenSearchFields.METADATA_NUMBERS, numbers));
		}
		if (clauses.isEmpty()) {
			return MATCH_NONE;
		}
		return (clauses.size() == 1) ? clauses.getFirst() : bool("should", clauses, true);
	}

	private static Map<String, Object> range(String field, Object operand, String op) {
		if (isReserved(field)) {
			// Reserved fields hold strings only: a numeric range cannot match them.
			return (operand instanceof String text) ? Map.of("range", Map.of(field, Map.of(op, text))) : MATCH_NONE;
		}
		String target;
		String bound;
		if (operand instanceof String text) {
			target = OpenSearchFields.METADATA_STRINGS;
			bound = OpenSearchFields.lowest(field) + text;
		}
		else {
			target = OpenSearchFields.METADATA_NUMBERS;
			bound = OpenSearchFields.numberTerm(field, ((Number) operand).doubleValue());
		}
		// The key's terms are [lowest, above) in value order, so a range over values is a range over terms
		// clipped to that interval.
		Map<String, Object> range = new LinkedHashMap<>();
		switch (op) {
			case "gt", "gte" -> {
				range.put(op, bound);
				range.put("lt", OpenSearchFields.above(field));
			}
			default -> {
				range.put("gte", OpenSearchFields.lowest(field));
				range.put(op, bound);
			}
		}
		return Map.of("range", Map.of(target, range));
	}

	private static Map<String, Object> term(String field, Object value) {
		return Map.of("term", Map.of(field, value));
	}

	private static Map<String, Object> terms(String field, List<Object> values) {
		return Map.of("terms", Map.of(field, values));
	}

	private static Map<String, Object> not(Map<String, Object> query) {
		// A bool query with only must_not matches every other document, which is what NE and NIN mean.
		return Map.of("bool", Map.of("must_not", List.of(query)));
	}

	private static Map<String, Object> bool(String occur, List<Map<String, Object>> clauses, boolean anyOf) {
		Map<String, Object> bool = new LinkedHashMap<>();
		bool.put(occur, clauses);
		if (anyOf) {
			bool.put("minimum_should_match", 1);
		}
		return Map.of("bool", bool);
	}

	private static String checkField(String field) {
		if (field.isEmpty()) {
			throw rejected("filter field names must not be empty in opensearch");
		}
		return field;
	}

	private static boolean isReserved(String field) {
		return MetadataFilter.DOCUMENT_ID.equals(field) || MetadataFilter.SOURCE.equals(field);
	}

	private static InvalidRequestException rejected(String message) {
		return new InvalidRequestException("invalid-filter", "filters", message);
	}

}
