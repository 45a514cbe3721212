package io.ragwell.core;

import java.util.Map;

/**
 * Result of a port's {@code healthCheck}.
 *
 * @param up whether the component can serve requests
 * @param details non-secret facts worth showing on the health endpoint
 */
public record Health(boolean up, Map<String, Object> details) {

	public Health {
		details = Map.copyOf(details);
	}

	public static Health up(Map<String, Object> details) {
		return new Health(true, details);
	}

	public static Health down(String reason) {
		return new Health(false, Map.of("reason", reason));
	}

}
