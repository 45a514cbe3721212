package io.ragwell.store.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * Converts a {@link MetadataFilter} into a non-scoring Lucene query over the fields that
 * {@link LuceneVectorStore} indexes on each document record.
 *
 * <p>Semantics, for a field with any number of values (metadata lists are multi-valued):
 * <ul>
 * <li>{@code EQ} matches when some value equals the operand. Strings and booleans compare exactly; numbers
 * compare numerically as doubles, so the long {@code 2} equals the double {@code 2.0} (longs beyond 2^53
 * lose precision). Values of different types never match: the string {@code "2"} is not the number 2.</li>
 * <li>{@code NE} and {@code NIN} are the negations of {@code EQ} and {@code IN}: they also match chunks that
 * lack the field.</li>
 * <li>Ranges compare numbers numerically and strings by UTF-8 byte order (code point order); a range never
 * matches values of the other type.</li>
 * <li>{@code document_id} and {@code source} address the reserved string fields, not metadata keys of those
 * names.</li>
 * </ul>
 */
public final class LuceneFilterConverter {

	private LuceneFilterConverter() {
	}

	/**
	 * The Lucene query matching exactly the document records whose chunks {@code filter} accepts (chunks inherit
	 * their document's metadata, source and id unchanged). Meant for FILTER clauses and pre-filters: its scores
	 * carry no meaning.
	 * @param filter the portable filter tree
	 * @return a query over document-record fields; callers restrict it to records of a namespace and join it to
	 * their chunks
	 */
	public static Query toQuery(MetadataFilter filter) {
		return switch (filter) {
			case Comparison comparison -> comparison(comparison);
			case In in -> in.negated() ? not(anyOf(in.field(), in.values())) : anyOf(in.field(), in.values());
			case And and -> {
				BooleanQuery.Builder builder = new BooleanQuery.Builder();
				and.filters().forEach(child -> builder.add(toQuery(child), Occur.FILTER));
				yield builder.build();
			}
			case Or or -> {
				BooleanQuery.Builder builder = new BooleanQuery.Builder();
				or.filters().forEach(child -> builder.add(toQuery(child), Occur.SHOULD));
				yield builder.setMinimumNumberShouldMatch(1).build();
			}
		};
	}

	/**
	 * The Lucene query matching exactly the chunks {@code filter} accepts when some keys may live on chunks
	 * rather than on their document's record (a file's {@code page} and {@code section}): a chunk's metadata is its
	 * record's plus its own, which never redefine the record's. A subtree that names no such key is evaluated on
	 * the records and joined to their chunks once, as {@link #toQuery} does; a condition on a chunk-level key
	 * matches a chunk whose own value passes or whose record's does, and its negation is taken after that union,
	 * so {@code $ne} and {@code $nin} still match chunks that lack the key.
	 * @param filter the portable filter tree
	 * @param onChunks whether a key is held on chunks anywhere in the index
	 * @param fromRecords joins a query over document records (of the namespace) to their chunks
	 * @return a query over chunk fields; callers restrict it to chunks of a namespace
	 */
	public static Query toChunkQuery(MetadataFilter filter, Predicate<String> onChunks,
			UnaryOperator<Query> fromRecords) {
		if (fields(filter).noneMatch(onChunks)) {
			return fromRecords.apply(toQuery(filter));
		}
		return switch (filter) {
			case And and -> {
				BooleanQuery.Builder builder = new BooleanQuery.Builder();
				and.filters().forEach(child -> builder.add(toChunkQuery(child, onChunks, fromRecords), Occur.FILTER));
				yield builder.build();
			}
			case Or or -> {
				BooleanQuery.Builder builder = new BooleanQuery.Builder();
				or.filters().forEach(child -> builder.add(toChunkQuery(child, onChunks, fromRecords), Occur.SHOULD));
				yield builder.setMinimumNumberShouldMatch(1).build();
			}
			case Comparison comparison when comparison.op() == Op.NE ->
				not(eitherLevel(equalTo(comparison.field(), comparison.value()), fromRecords));
			case Comparison comparison -> eitherLevel(comparison(comparison), fromRecords);
			case In in -> in.negated() ? not(eitherLevel(anyOf(in.field(), in.values()), fromRecords))
					: eitherLevel(anyOf(in.field(), in.values()), fromRecords);
		};
	}

	/** The chunks whose own fields match {@code positive}, and those whose record's do. */
	private static Query eitherLevel(Query positive, UnaryOperator<Query> fromRecords) {
		return new BooleanQuery.Builder().add(positive, Occur.SHOULD)
			.add(fromRecords.apply(positive), Occur.SHOULD)
			.setMinimumNumberShouldMatch(1)
			.build();
	}

	/** The fields {@code filter} names, each once. */
	public static java.util.Set<String> fieldsOf(MetadataFilter filter) {
		return fields(filter).collect(java.util.stream.Collectors.toSet());
	}

	private static Stream<String> fields(MetadataFilter filter) {
		return switch (filter) {
			case Comparison comparison -> Stream.of(comparison.field());
			case In in -> Stream.of(in.field());
			case And and -> and.filters().stream().flatMap(LuceneFilterConverter::fields);
			case Or or -> or.filters().stream().flatMap(LuceneFilterConverter::fields);
		};
	}

	private static Query comparison(Comparison comparison) {
		String field = comparison.field();
		Object value = comparison.value();
		return switch (comparison.op()) {
			case EQ -> equalTo(field, value);
			case NE -> not(equalTo(field, value));
			case GT -> range(field, value, value, false, null, false);
			case GTE -> range(field, value, value, true, null, false);
			case LT -> range(field, value, null, false, value, false);
			case LTE -> range(field, value, null, false, value, true);
		};
	}

	private static Query equalTo(String field, Object value) {
		if (isReserved(field)) {
			return (value instanceof String text) ? new TermQuery(new Term(field, text)) : new MatchNoDocsQuery();
		}
		return switch (value) {
			case String text -> new TermQuery(new Term(LuceneFields.metadataString(field), text));
			case Boolean bool -> new TermQuery(new Term(LuceneFields.metadataBoolean(field), bool.toString()));
			case Number number -> DoublePoint.newExactQuery(LuceneFields.metadataNumber(field), number.doubleValue());
			default -> throw new IllegalArgumentException("unsupported filter value " + value);
		};
	}

	private static Query anyOf(String field, List<Object> values) {
		List<BytesRef> strings = new ArrayList<>();
		List<BytesRef> booleans = new ArrayList<>();
		List<Double> numbers = new ArrayList<>();
		for (Object value : values) {
			switch (value) {
				case String text -> strings.add(new BytesRef(text));
				case Boolean bool -> booleans.add(new BytesRef(bool.toString()));
				case Number number -> numbers.add(number.doubleValue());
				default -> throw new IllegalArgumentException("unsupported filter value " + value);
			}
		}
		BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
		boolean any = false;
		if (!strings.isEmpty()) {
			String target = isReserved(field) ? field : LuceneFields.metadataString(field);
			// TermInSetQuery is not bound by the boolean clause limit, so long IN lists stay legal.
			builder.add(new TermInSetQuery(target, strings), Occur.SHOULD);
			any = true;
		}
		if (!isReserved(field) && !booleans.isEmpty()) {
			builder.add(new TermInSetQuery(LuceneFields.metadataBoolean(field), booleans), Occur.SHOULD);
			any = true;
		}
		if (!isReserved(field) && !numbers.isEmpty()) {
			double[] points = numbers.stream().mapToDouble(Double::doubleValue).toArray();
			builder.add(DoublePoint.newSetQuery(LuceneFields.metadataNumber(field), points), Occur.SHOULD);
			any = true;
		}
		return any ? builder.build() : new MatchNoDocsQuery();
	}

	private static Query range(String field, Object operand, @Nullable Object lower, boolean includeLower,
			@Nullable Object upper, boolean includeUpper) {
		if (operand instanceof String) {
			String target = isReserved(field) ? field : LuceneFields.metadataString(field);
			return TermRangeQuery.newStringRange(target, (String) lower, (String) upper, includeLower, includeUpper);
		}
		if (isReserved(field)) {
			// Reserved fields hold strings only: a numeric range cannot match them.
			return new MatchNoDocsQuery();
		}
		double min = Double.NEGATIVE_INFINITY;
		double max = Double.POSITIVE_INFINITY;
		if (lower != null) {
			double bound = ((Number) lower).doubleValue();
			min = includeLower ? bound : Math.nextUp(bound);
		}
		if (upper != null) {
			double bound = ((Number) upper).doubleValue();
			max = includeUpper ? bound : Math.nextDown(bound);
		}
		return DoublePoint.newRangeQuery(LuceneFields.metadataNumber(field), min, max);
	}

	private static Query not(Query query) {
		// A purely negative boolean query matches nothing; the match-all clause gives it a universe.
		return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
			.add(query, Occur.MUST_NOT)
			.build();
	}

	private static boolean isReserved(String field) {
		return MetadataFilter.DOCUMENT_ID.equals(field) || MetadataFilter.SOURCE.equals(field);
	}

}
