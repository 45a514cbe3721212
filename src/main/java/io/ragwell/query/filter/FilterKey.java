package io.ragwell.query.filter;

import java.util.List;
import java.util.Locale;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Or;
import org.jspecify.annotations.Nullable;

/**
 * The canonical, typed text of a parsed filter, for response cache keys.
 *
 * <p>Injective: two trees get the same text exactly when they are equal records holding values of the same
 * types, so a key never stands for two filters that a store could answer differently. {@code toString()}
 * was not: it printed the number {@code 2021} and the string {@code "2021"} alike, and the one-element list
 * {@code ["a, b"]} like the two-element {@code ["a", "b"]}. Every value carries its type, strings are quoted
 * and escaped, and children keep their order: {@code $and}/{@code $or} operands are not sorted because a
 * store may decide a combination from its first constant operand (Weaviate folds them) before it reaches a
 * later one it would reject, so order can change the answer.
 */
public final class FilterKey {

	private FilterKey() {
	}

	/**
	 * @param filter a parsed filter, or null for none
	 * @return JSON such as {@code {"op":"eq","field":"year","value":{"long":2021}}}; the empty string for
	 * no filter (no tree yields it)
	 */
	public static String canonical(@Nullable MetadataFilter filter) {
		if (filter == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(64);
		write(filter, out);
		return out.toString();
	}

	private static void write(MetadataFilter filter, StringBuilder out) {
		switch (filter) {
			case Comparison comparison -> {
				out.append("{\"op\":\"").append(comparison.op().name().toLowerCase(Locale.ROOT))
					.append("\",\"field\":");
				string(comparison.field(), out);
				out.append(",\"value\":");
				value(comparison.value(), out);
				out.append('}');
			}
			case In in -> {
				out.append("{\"op\":\"").append(in.negated() ? "nin" : "in").append("\",\"field\":");
				string(in.field(), out);
				out.append(",\"values\":[");
				for (int i = 0; i < in.values().size(); i++) {
					if (i > 0) {
						out.append(',');
					}
					value(in.values().get(i), out);
				}
				out.append("]}");
			}
			case And and -> children("and", and.filters(), out);
			case Or or -> children("or", or.filters(), out);
		}
	}

	private static void children(String operator, List<MetadataFilter> filters, StringBuilder out) {
		out.append("{\"").append(operator).append("\":[");
		for (int i = 0; i < filters.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			write(filters.get(i), out);
		}
		out.append("]}");
	}

	private static void value(Object value, StringBuilder out) {
		switch (value) {
			case String text -> {
				out.append("{\"string\":");
				string(text, out);
			}
			case Long number -> out.append("{\"long\":").append(number.longValue());
			// Double.toString round-trips exactly and keeps -0.0 apart from 0.0 (Lucene's points do too).
			case Double number -> out.append("{\"double\":\"").append(number.doubleValue()).append('"');
			case Boolean bool -> out.append("{\"boolean\":").append(bool.booleanValue());
			default -> throw new IllegalArgumentException("not a filter value: " + value.getClass().getName());
		}
		out.append('}');
	}

	/** A JSON string literal: quotes, backslashes and control characters escaped, so the text is unambiguous. */
	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		out.append('"');
	}

}
