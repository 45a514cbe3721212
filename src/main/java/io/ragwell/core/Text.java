package io.ragwell.core;

/** Input text hygiene applied once at the edge, before text reaches the tokenizer, the index or a log. */
public final class Text {

	private Text() {
	}

	/**
	 * Replaces unpaired UTF-16 surrogates (which JSON allows as escapes but UTF-8 cannot encode, and which the
	 * native tokenizer would reject) with U+FFFD, and drops control characters other than tab, line feed and
	 * carriage return. Returns the same instance when there is nothing to change.
	 * @param text the input
	 * @return the cleaned text
	 */
	public static String sanitize(String text) {
		int length = text.length();
		int i = 0;
		while (i < length && isClean(text, i)) {
			i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
		}
		if (i >= length) {
			return text;
		}
		StringBuilder clean = new StringBuilder(length).append(text, 0, i);
		while (i < length) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				clean.append(c).append(text.charAt(i + 1));
				i += 2;
				continue;
			}
			if (Character.isSurrogate(c)) {
				clean.append('\uFFFD');
			}
			else if (!isControl(c)) {
				clean.append(c);
			}
			i++;
		}
		return clean.toString();
	}

	private static boolean isClean(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return !Character.isSurrogate(c) && !isControl(c);
	}

	private static boolean isControl(char c) {
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
	}

}
