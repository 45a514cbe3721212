package io.ragwell.core;

import java.util.List;
import java.util.Objects;

/**
 * The one portable filter tree. Request JSON is parsed into it once; every vector store converts it into
 * its own query language, and rejects what it cannot express instead of ignoring it.
 *
 * <p>Values are {@link String}, {@link Long}, {@link Double} or {@link Boolean}. Fields are document
 * metadata keys plus the reserved {@code document_id} and {@code source}.
 */
public sealed interface MetadataFilter {

	String DOCUMENT_ID = "document_id";

	String SOURCE = "source";

	/** Comparison operators of a single field against a single value. */
	enum Op {

		EQ, NE, GT, GTE, LT, LTE;

		public boolean isRange() {
			return this == GT || this == GTE || this == LT || this == LTE;
		}

	}

	record Comparison(String field, Op op, Object value) implements MetadataFilter {

		public Comparison {
			Objects.requireNonNull(field, "field");
			Objects.requireNonNull(op, "op");
			checkValue(value);
			if (op.isRange() && !(value instanceof Number) && !(value instanceof String)) {
				throw new IllegalArgumentException("range operator on '" + field + "' needs a number or a string");
			}
		}

	}

	/** Membership: the field equals one of {@code values} ({@code negated}: none of them). */
	record In(String field, List<Object> values, boolean negated) implements MetadataFilter {

		public In {
			Objects.requireNonNull(field, "field");
			values = List.copyOf(values);
			if (values.isEmpty()) {
				throw new IllegalArgumentException("list for '" + field + "' must not be empty");
			}
			values.forEach(MetadataFilter::checkValue);
		}

	}

	record And(List<MetadataFilter> filters) implements MetadataFilter {

		public And {
			filters = List.copyOf(filters);
			if (filters.isEmpty()) {
				throw new IllegalArgumentException("$and needs at least one filter");
			}
		}

	}

	record Or(List<MetadataFilter> filters) implements MetadataFilter {

		public Or {
			filters = List.copyOf(filters);
			if (filters.isEmpty()) {
				throw new IllegalArgumentException("$or needs at least one filter");
			}
		}

	}

	private static void checkValue(Object value) {
		if (!(value instanceof String || value instanceof Long || value instanceof Double
				|| value instanceof Boolean)) {
			throw new IllegalArgumentException("filter values must be strings, numbers or booleans, was "
					+ (value == null ? "null" : value.getClass().getSimpleName()));
		}
	}

}
