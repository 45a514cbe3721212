package io.ragwell.feedback;

import java.util.Locale;

/** What the user thought of an answer. */
public enum Rating {

	UP, DOWN;

	/**
	 * @param value {@code up} or {@code down}, any case
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static Rating parse(String value) {
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "up" -> UP;
			case "down" -> DOWN;
			default -> throw new IllegalArgumentException("'rating' must be 'up' or 'down', was '" + value + "'");
		};
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
