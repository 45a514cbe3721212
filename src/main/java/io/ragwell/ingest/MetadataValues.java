package io.ragwell.ingest;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Metadata values are stored in the filter tree's types (String, Long, Double, Boolean, or a list of those)
 * so that equality at ingest and at query time means the same thing in every store.
 */
final class MetadataValues {

	private static final int MAX_STRING = 1024;

	private static final int MAX_LIST = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MetadataValues() {
	}

	static Object normalise(String field, @Nullable Object value) {
		if (value instanceof List<?> list) {
			if (list.size() > MAX_LIST) {
				throw invalid(field, "'" + field + "' holds more than " + MAX_LIST + " values");
			}
			List<Object> values = new ArrayList<>(list.size());
			for (Object item : list) {
				if (item instanceof List<?>) {
					throw invalid(field, "'" + field + "' cannot hold nested lists");
				}
				values.add(scalar(field, item));
			}
			return List.copyOf(values);
		}
		return scalar(field, value);
	}

	/**
	 * The size of {@code metadata} as the UTF-8 JSON stores keep it, counted as it is written: nothing but the
	 * writer's buffer is allocated, whatever the size.
	 * @param metadata normalised metadata
	 * @return bytes of its JSON
	 */
	static long serialisedBytes(Map<String, Object> metadata) {
		CountingStream counter = new CountingStream();
		JSON.writeValue(counter, metadata);
		return counter.count;
	}

	private static final class CountingStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

	private static Object scalar(String field, @Nullable Object value) {
		return switch (value) {
			case null -> throw invalid(field, "'" + field + "' must not be null");
			case String raw -> {
				String s = Text.sanitize(raw);
				if (s.length() > MAX_STRING) {
					throw invalid(field, "'" + field + "' is longer than " + MAX_STRING + " characters");
				}
				yield s;
			}
			case Boolean b -> b;
			case Integer i -> i.longValue();
			case Long l -> l;
			case Short s -> s.longValue();
			case BigInteger big when big.bitLength() <= 63 -> big.longValue();
			case Double d when Double.isFinite(d) -> d;
			case Float f when Float.isFinite(f) -> f.doubleValue();
			case BigDecimal dec when Double.isFinite(dec.doubleValue()) -> dec.doubleValue();
			default -> throw invalid(field,
					"'" + field + "' must be a string, a number, a boolean or a list of those");
		};
	}

	private static InvalidRequestException invalid(String field, String message) {
		return new InvalidRequestException("invalid-request", field, message);
	}

}
