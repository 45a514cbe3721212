package io.ragwell.web.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Other spellings of a path, from a seeded generator: percent-encoding of any character (either hex case),
 * {@code ;} parameters, doubled, leading and trailing slashes, case changes and dot segments (plain and
 * encoded), one to three of them at a time.
 */
final class PathSpellings {

	private static final String[] PARAMETERS = { "", "x", "a=b", "jsessionid=1", "%3b", ";" };

	private PathSpellings() {
	}

	/**
	 * @param path the canonical path, starting with {@code /}
	 * @param count how many distinct spellings to return, the canonical one excluded
	 * @param random the seeded source
	 */
	static Set<String> of(String path, int count, Random random) {
		Set<String> spellings = new LinkedHashSet<>();
		for (int attempt = 0; spellings.size() < count && attempt < count * 20; attempt++) {
			String spelled = spell(path, random);
			if (!spelled.equals(path)) {
				spellings.add(spelled);
			}
		}
		return spellings;
	}

	static String spell(String path, Random random) {
		List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/", -1)));
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			int at = random.nextInt(segments.size());
			String segment = segments.get(at);
			switch (random.nextInt(8)) {
				case 0 -> segments.set(at, encodeOne(segment, random));
				case 1 -> segments.set(at, encodeAll(segment, random));
				case 2 -> segments.set(at, segment + ";" + PARAMETERS[random.nextInt(PARAMETERS.length)]);
				case 3 -> segments.set(at, changeCase(segment, random));
				case 4 -> segments.add(random.nextInt(segments.size() + 1), "");
				case 5 -> segments.add("");
				case 6 -> segments.add(at, dot(random));
				default -> {
					// A detour: a made-up segment, then up again.
					segments.add(at, dot2(random));
					segments.add(at, random.nextBoolean() ? "zz" : segment);
				}
			}
		}
		return "/" + String.join("/", segments);
	}

	private static String encodeOne(String segment, Random random) {
		if (segment.isEmpty()) {
			return segment;
		}
		int at = random.nextInt(segment.length());
		// Never inside an escape already there: %3b must not become the malformed %3%62.
		if ((at >= 1 && segment.charAt(at - 1) == '%') || (at >= 2 && segment.charAt(at - 2) == '%')) {
			return segment;
		}
		return segment.substring(0, at) + percent(segment.charAt(at), random) + segment.substring(at + 1);
	}

	private static String encodeAll(String segment, Random random) {
		StringBuilder out = new StringBuilder();
		for (char c : segment.toCharArray()) {
			out.append(percent(c, random));
		}
		return out.toString();
	}

	private static String percent(char c, Random random) {
		String hex = String.format("%%%02X", (int) c);
		return random.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT);
	}

	private static String changeCase(String segment, Random random) {
		if (segment.isEmpty()) {
			return segment;
		}
		return switch (random.nextInt(3)) {
			case 0 -> segment.toUpperCase(Locale.ROOT);
			case 1 -> Character.toUpperCase(segment.charAt(0)) + segment.substring(1);
			default -> {
				int at = random.nextInt(segment.length());
				char c = segment.charAt(at);
				char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
				yield segment.substring(0, at) + flipped + segment.substring(at + 1);
			}
		};
	}

	private static String dot(Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> ".";
			case 1 -> "%2e";
			default -> "%2E";
		};
	}

	private static String dot2(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> "..";
			case 1 -> "%2e%2e";
			case 2 -> ".%2E";
			default -> "%2E.";
		};
	}

}
