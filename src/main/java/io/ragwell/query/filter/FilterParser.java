package io.ragwell.query.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import org.jspecify.annotations.Nullable;

/**
 * Parses the request's {@code filters} JSON (already read into maps, lists and scalars) into the portable
 * {@link MetadataFilter} tree. Everything it does not understand is an {@link InvalidRequestException}:
 * a filter that is silently ignored returns documents the caller meant to exclude.
 *
 * <pre>
 * {"lang": "en"}                          equality
 * {"lang": ["en", "de"]}                  in
 * {"year": {"$gte": 2020, "$lt": 2024}}   operators, combined with and
 * {"$or": [{"lang": "en"}, {"year": {"$gt": 2020}}]}
 * </pre>
 */
public final class FilterParser {

	/**
	 * Default {@link #clauses} bound. A store converter emits at most two leaf queries per clause (a negation
	 * adds a match-all), and Lucene's {@code IndexSearcher}, like OpenSearch's
	 * {@code indices.query.bool.max_clause_count}, allows 1,024 leaves in a whole query. The Lucene store's
	 * BM25 query takes up to 512 of them (its term cap) plus two for the chunk and namespace scope: 200 clauses
	 * (400 leaves) leave 110 to spare.
	 */
	public static final int DEFAULT_MAX_CLAUSES = 200;

	static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

	private final int maxDepth;

	private final int maxListSize;

	private final int maxClauses;

	/**
	 * @param maxDepth deepest nesting of {@code $and}/{@code $or} accepted
	 * @param maxListSize longest {@code $in}/{@code $nin}/{@code $and}/{@code $or} list accepted
	 */
	public FilterParser(int maxDepth, int maxListSize) {
		this(maxDepth, maxListSize, DEFAULT_MAX_CLAUSES);
	}

	/**
	 * @param maxDepth deepest nesting of {@code $and}/{@code $or} accepted
	 * @param maxListSize longest {@code $in}/{@code $nin}/{@code $and}/{@code $or} list accepted
	 * @param maxClauses most {@link #clauses} in the whole tree, across all levels
	 */
	public FilterParser(int maxDepth, int maxListSize, int maxClauses) {
		this.maxDepth = maxDepth;
		this.maxListSize = maxListSize;
		this.maxClauses = maxClauses;
	}

	/**
	 * The size of a filter as the stores see it: one clause per comparison and one per value of an
	 * {@code $in}/{@code $nin} list, because that is how far the widest converter expands them (Weaviate turns
	 * a list into one operand per value, Pinecone does for lists with booleans). {@code $and}/{@code $or} nodes
	 * add nothing: they cannot outnumber the comparisons below them.
	 * @param filter a parsed filter tree
	 * @return the number of value comparisons in it
	 */
	public static int clauses(MetadataFilter filter) {
		return switch (filter) {
			case Comparison comparison -> 1;
			case In in -> in.values().size();
			case And and -> and.filters().stream().mapToInt(FilterParser::clauses).sum();
			case Or or -> or.filters().stream().mapToInt(FilterParser::clauses).sum();
		};
	}

	/** The filter tree, or {@code null} when {@code filters} is absent or an empty object. */
	public @Nullable MetadataFilter parse(@Nullable Object filters) {
		if (filters == null) {
			return null;
		}
		if (!(filters instanceof Map<?, ?> map)) {
			throw invalid("filters must be a JSON object, e.g. {\"lang\": \"en\"}");
		}
		if (map.isEmpty()) {
			return null;
		}
		return parseObject(map, 1, new int[1]);
	}

	/**
	 * Counts {@code added} clauses against the budget. Checked while parsing, so a filter of a million keys
	 * is refused at the first clause over the bound instead of after building its tree.
	 */
	private void count(int[] used, int added) {
		used[0] += added;
		if (used[0] > this.maxClauses) {
			throw invalid("the filter has more than " + this.maxClauses + " conditions (each list value counts as"
					+ " one, at every level); split the request or use fewer values");
		}
	}

	private MetadataFilter parseObject(Map<?, ?> map, int depth, int[] used) {
		if (depth > this.maxDepth) {
			throw invalid("filters are nested deeper than " + this.maxDepth + " levels");
		}
		if (map.isEmpty()) {
			throw invalid("an empty object is not a filter");
		}
		List<MetadataFilter> parts = new ArrayList<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String key = String.valueOf(entry.getKey());
			Object value = entry.getValue();
			switch (key) {
				case "$and" -> parts.add(new And(parseList(key, value, depth, used)));
				case "$or" -> parts.add(new Or(parseList(key, value, depth, used)));
				default -> {
					if (key.startsWith("$")) {
						throw invalid("unknown logical operator '" + key + "'; use $and or $or at this level");
					}
					parts.add(parseField(checkField(key), value, used));
				}
			}
		}
		return (parts.size() == 1) ? parts.getFirst() : new And(parts);
	}

	private List<MetadataFilter> parseList(String operator, @Nullable Object value, int depth, int[] used) {
		if (!(value instanceof List<?> list) || list.isEmpty()) {
			throw invalid(operator + " needs a non-empty list of filter objects");
		}
		checkSize(operator, list);
		List<MetadataFilter> filters = new ArrayList<>(list.size());
		for (Object item : list) {
			if (!(item instanceof Map<?, ?> child)) {
				throw invalid(operator + " items must be filter objects");
			}
			filters.add(parseObject(child, depth + 1, used));
		}
		return filters;
	}

	private MetadataFilter parseField(String field, @Nullable Object value, int[] used) {
		if (value instanceof List<?> list) {
			count(used, list.size());
			return new In(field, scalars(field, list), false);
		}
		if (value instanceof Map<?, ?> operators) {
			if (operators.isEmpty()) {
				throw invalid("the operator object for '" + field + "' is empty");
			}
			List<MetadataFilter> parts = new ArrayList<>();
			for (Map.Entry<?, ?> entry : operators.entrySet()) {
				Object operand = entry.getValue();
				count(used, (operand instanceof List<?> list) ? Math.max(1, list.size()) : 1);
				parts.add(parseOperator(field, String.valueOf(entry.getKey()), operand));
			}
			return (parts.size() == 1) ? parts.getFirst() : new And(parts);
		}
		count(used, 1);
		return new Comparison(field, Op.EQ, scalar(field, value));
	}

	private MetadataFilter parseOperator(String field, String operator, @Nullable Object value) {
		return switch (operator) {
			case "$eq" -> new Comparison(field, Op.EQ, scalar(field, value));
			case "$ne" -> new Comparison(field, Op.NE, scalar(field, value));
			case "$gt" -> range(field, Op.GT, value);
			case "$gte" -> range(field, Op.GTE, value);
			case "$lt" -> range(field, Op.LT, value);
			case "$lte" -> range(field, Op.LTE, value);
			case "$in" -> new In(field, listOf(field, operator, value), false);
			case "$nin" -> new In(field, listOf(field, operator, value), true);
			default -> throw invalid("unknown operator '" + operator + "' on '" + field
					+ "'; supported: $eq, $ne, $in, $nin, $gt, $gte, $lt, $lte");
		};
	}

	private MetadataFilter range(String field, Op op, @Nullable Object value) {
		Object scalar = scalar(field, value);
		if (scalar instanceof Boolean) {
			throw invalid("range operators on '" + field + "' need a number or a string, not a boolean");
		}
		return new Comparison(field, op, scalar);
	}

	private List<Object> listOf(String field, String operator, @Nullable Object value) {
		if (!(value instanceof List<?> list) || list.isEmpty()) {
			throw invalid(operator + " on '" + field + "' needs a non-empty list of values");
		}
		return scalars(field, list);
	}

	private List<Object> scalars(String field, List<?> list) {
		if (list.isEmpty()) {
			throw invalid("the list for '" + field + "' is empty");
		}
		checkSize(field, list);
		List<Object> values = new ArrayList<>(list.size());
		for (Object item : list) {
			values.add(scalar(field, item));
		}
		return values;
	}

	private void checkSize(String what, List<?> list) {
		if (list.size() > this.maxListSize) {
			throw invalid("the list for '" + what + "' has " + list.size() + " items; at most " + this.maxListSize
					+ " are accepted");
		}
	}

	/** Normalises JSON scalars to the filter tree's value types: String, Long, Double, Boolean. */
	static Object scalar(String field, @Nullable Object value) {
		return switch (value) {
			case null -> throw invalid("'" + field + "' cannot be compared with null");
			case String s -> s;
			case Boolean b -> b;
			case Integer i -> i.longValue();
			case Long l -> l;
			case Short s -> s.longValue();
			case BigInteger big -> {
				if (big.bitLength() > 63) {
					throw invalid("the number for '" + field + "' is out of range");
				}
				yield big.longValue();
			}
			case Double d -> finite(field, d);
			case Float f -> finite(field, f.doubleValue());
			case BigDecimal dec -> finite(field, dec.doubleValue());
			default -> throw invalid("'" + field + "' must be compared with a string, number or boolean");
		};
	}

	private static Double finite(String field, double value) {
		if (!Double.isFinite(value)) {
			throw invalid("the number for '" + field + "' is out of range");
		}
		return value;
	}

	private static String checkField(String field) {
		if (!FIELD.matcher(field).matches()) {
			throw invalid("'" + field + "' is not a valid filter field: use letters, digits, '_', '.' or '-'"
					+ " and start with a letter or '_'");
		}
		return field;
	}

	private static InvalidRequestException invalid(String message) {
		return new InvalidRequestException("invalid-filter", "filters", message);
	}

}
