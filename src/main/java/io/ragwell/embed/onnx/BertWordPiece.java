package io.ragwell.embed.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BERT's uncased WordPiece tokenizer in plain Java, for the characters where it is proven to agree with the
 * Hugging Face tokenizer (the reference, which {@link OnnxEmbedder} keeps for all other text).
 *
 * <p>Why it exists: ingestion tokenises every document once for chunking and every chunk once more for the
 * model, and through JNI that cost 0.4 + 0.3 ms per chunk of CPU (SciFact, MiniLM), a third of everything an
 * ingest request does besides the model itself. This does the same work without JNI or per-token objects.
 *
 * <p>What it implements is the {@code tokenizer.json} pipeline of both bundled models, and nothing else: a
 * file with another normaliser, pre-tokenizer or model gets no instance ({@link #from}). The steps, as the
 * reference runs them: special tokens ({@code [CLS]} and friends, matched verbatim in the raw text) split the
 * input; {@code BertNormalizer} drops NUL, U+FFFD and control characters, turns white space into a space,
 * decomposes (NFD), drops non-spacing marks and lower-cases; {@code BertPreTokenizer} splits at white space
 * and isolates every punctuation character; WordPiece takes the longest vocabulary entry from the start of
 * each word, continuing with {@code ##} entries, and makes the whole word {@code [UNK]} if any rest has no
 * entry or the word is over {@code max_input_chars_per_word} long.
 *
 * <p>Character properties come from Java's Unicode tables, the reference's from Rust crates of several
 * Unicode versions. They agree on the scripts and symbol blocks in {@link #COVERED}, which the differential
 * tests check code point by code point; {@link #encode} declines (returns null) any text with a character
 * outside them.
 */
final class BertWordPiece {

	/**
	 * Unicode blocks the differential tests prove equal to the reference, each entry {@code [from, to]}:
	 * Latin, IPA, modifier letters, combining marks, Greek, Cyrillic, Latin and Greek Extended, general
	 * punctuation, super- and subscripts, currency, letter-like symbols, number forms, arrows, mathematical
	 * operators, technical symbols.
	 */
	static final int[][] COVERED = { { 0x0000, 0x052F }, { 0x1E00, 0x1FFF }, { 0x2000, 0x23FF } };

	private static final int COVERED_END = 0x2400;

	/** Marks in {@link #normalized} for characters that the normaliser drops or turns into a space. */
	private static final char[] DROPPED = {};

	private static final char[] SPACE = { ' ' };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What the normaliser makes of each covered code point; null where not covered. */
	private final char[] @Nullable [] normalized;

	private final Vocabulary words;

	private final Vocabulary continuations;

	private final String[] specials;

	private final long[] specialIds;

	private final long unknownId;

	private final int maxWordChars;

	private BertWordPiece(Vocabulary words, Vocabulary continuations, String[] specials, long[] specialIds,
			long unknownId, int maxWordChars) {
		this.words = words;
		this.continuations = continuations;
		this.specials = specials;
		this.specialIds = specialIds;
		this.unknownId = unknownId;
		this.maxWordChars = maxWordChars;
		this.normalized = new char[COVERED_END][];
		for (int[] range : COVERED) {
			for (int cp = range[0]; cp <= range[1]; cp++) {
				// Unassigned in Java's tables: the reference's tables may know it, or treat it differently.
				if (Character.getType(cp) != Character.UNASSIGNED) {
					this.normalized[cp] = normalize(cp);
				}
			}
		}
	}

	/**
	 * A tokenizer for {@code tokenizer.json}, or empty when the file describes anything but BERT's uncased
	 * WordPiece pipeline (the caller then uses the reference tokenizer for everything).
	 */
	static Optional<BertWordPiece> from(InputStream tokenizerJson) {
		JsonNode root;
		try {
			root = JSON.readTree(tokenizerJson);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		JsonNode normalizer = root.path("normalizer");
		JsonNode model = root.path("model");
		boolean bert = "BertNormalizer".equals(normalizer.path("type").asString(""))
				&& normalizer.path("clean_text").asBoolean(false)
				&& normalizer.path("handle_chinese_chars").asBoolean(false)
				&& normalizer.path("lowercase").asBoolean(false)
				// null means "as lowercase", i.e. strip
				&& (normalizer.path("strip_accents").isNull() || normalizer.path("strip_accents").asBoolean(false))
				&& "BertPreTokenizer".equals(root.path("pre_tokenizer").path("type").asString(""))
				&& "WordPiece".equals(model.path("type").asString(""))
				&& "##".equals(model.path("continuing_subword_prefix").asString(""))
				&& model.path("vocab").isObject() && model.path("vocab").has(model.path("unk_token").asString(""));
		if (!bert) {
			return Optional.empty();
		}
		List<String> specials = new ArrayList<>();
		List<Long> specialIds = new ArrayList<>();
		for (JsonNode added : root.path("added_tokens")) {
			// Only the plain form is implemented: matched verbatim anywhere, nothing stripped around it.
			if (added.path("single_word").asBoolean(false) || added.path("lstrip").asBoolean(false)
					|| added.path("rstrip").asBoolean(false) || added.path("normalized").asBoolean(false)
					|| added.path("content").asString("").isEmpty()) {
				return Optional.empty();
			}
			specials.add(added.path("content").asString());
			specialIds.add(added.path("id").asLong());
		}
		Vocabulary words = new Vocabulary();
		Vocabulary continuations = new Vocabulary();
		for (Map.Entry<String, JsonNode> entry : model.path("vocab").properties()) {
			String piece = entry.getKey();
			if (piece.startsWith("##")) {
				continuations.put(piece.substring(2), entry.getValue().asInt());
			}
			else {
				words.put(piece, entry.getValue().asInt());
			}
		}
		long unknown = model.path("vocab").path(model.path("unk_token").asString()).asLong();
		return Optional.of(new BertWordPiece(words, continuations, specials.toArray(String[]::new),
				specialIds.stream().mapToLong(Long::longValue).toArray(), unknown,
				model.path("max_input_chars_per_word").asInt(100)));
	}

	/** {@link #from(InputStream)} for a classpath resource. */
	static Optional<BertWordPiece> fromResource(String name) {
		try (InputStream in = BertWordPiece.class.getClassLoader().getResourceAsStream(name)) {
			return (in != null) ? from(in) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + name, ex);
		}
	}

	/**
	 * The tokens of {@code text} without [CLS]/[SEP] framing, or null when {@code text} has a character this
	 * class does not cover.
	 */
	@Nullable Tokens encode(String text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= COVERED_END || this.normalized[c] == null) {
				return null;
			}
		}
		Tokens tokens = new Tokens(Math.max(16, length / 4));
		// The current word: its normalised characters and, for each, the source span it came from.
		char[] word = new char[64];
		int[] from = new int[64];
		int words = 0;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '[') {
				int special = specialAt(text, i);
				if (special >= 0) {
					wordPieces(word, from, words, tokens);
					words = 0;
					int end = i + this.specials[special].length();
					tokens.add(this.specialIds[special], i, end);
					i = end - 1;
					continue;
				}
			}
			char[] out = this.normalized[c];
			if (out == null) {
				return null; // not reached: the first loop returned null for any character without an entry
			}
			if (out == DROPPED) {
				continue;
			}
			if (out == SPACE) {
				wordPieces(word, from, words, tokens);
				words = 0;
				continue;
			}
			for (char n : out) {
				if (isPunctuation(n)) {
					wordPieces(word, from, words, tokens);
					words = 0;
					word[0] = n;
					long id = this.words.get(word, 0, 1);
					tokens.add((id >= 0) ? id : this.unknownId, i, i + 1);
					continue;
				}
				if (words == word.length) {
					word = Arrays.copyOf(word, words * 2);
					from = Arrays.copyOf(from, words * 2);
				}
				word[words] = n;
				from[words++] = i;
			}
		}
		wordPieces(word, from, words, tokens);
		return tokens;
	}

	private int specialAt(String text, int at) {
		for (int s = 0; s < this.specials.length; s++) {
			if (text.startsWith(this.specials[s], at)) {
				return s;
			}
		}
		return -1;
	}

	/**
	 * WordPiece over {@code word[0, count)}; {@code from[k]} is the source index of character {@code k}, and
	 * every source character is one UTF-16 unit (all covered code points are in the BMP).
	 */
	private void wordPieces(char[] word, int[] from, int count, Tokens tokens) {
		if (count == 0) {
			return;
		}
		if (count > this.maxWordChars) {
			tokens.add(this.unknownId, from[0], from[count - 1] + 1);
			return;
		}
		int mark = tokens.size();
		int start = 0;
		while (start < count) {
			Vocabulary vocabulary = (start == 0) ? this.words : this.continuations;
			int end = Math.min(count, start + vocabulary.longest);
			long id = -1;
			while (end > start) {
				id = vocabulary.get(word, start, end);
				if (id >= 0) {
					break;
				}
				end--;
			}
			if (id < 0) {
				tokens.truncate(mark);
				tokens.add(this.unknownId, from[0], from[count - 1] + 1);
				return;
			}
			tokens.add(id, from[start], from[end - 1] + 1);
			start = end;
		}
	}

	private static boolean isPunctuation(char c) {
		if (c < 0x80) {
			return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
		}
		return switch (Character.getType(c)) {
			case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
					Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.OTHER_PUNCTUATION ->
				true;
			default -> false;
		};
	}

	/** BertNormalizer on one code point: clean, decompose, drop non-spacing marks, lower-case. */
	private static char[] normalize(int cp) {
		// In this order: the reference drops controls first, and some (U+000B, U+0085) are also white space.
		if (cp == '\t' || cp == '\n' || cp == '\r') {
			return SPACE;
		}
		if (cp == 0 || cp == 0xFFFD || isOther(cp)) {
			return DROPPED;
		}
		if (isWhitespace(cp)) {
			return SPACE;
		}
		String decomposed = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
		StringBuilder out = new StringBuilder(decomposed.length());
		decomposed.codePoints()
			.filter((c) -> Character.getType(c) != Character.NON_SPACING_MARK)
			.map(Character::toLowerCase)
			.forEach(out::appendCodePoint);
		return (out.isEmpty()) ? DROPPED : out.toString().toCharArray();
	}

	/** Rust's {@code char::is_whitespace}, the Unicode White_Space property. */
	private static boolean isWhitespace(int cp) {
		return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
				|| cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || (cp >= 0x09 && cp <= 0x0D)
				|| cp == 0x85;
	}

	/** The reference's "control": general category Cc, Cf, Cn, Co or Cs. */
	private static boolean isOther(int cp) {
		return switch (Character.getType(cp)) {
			case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE,
					Character.SURROGATE ->
				true;
			default -> false;
		};
	}

	/** Token ids and their source spans, {@code [start0, end0, start1, end1, ...]} in UTF-16 units. */
	static final class Tokens {

		private long[] ids;

		private int[] offsets;

		private int size;

		Tokens(int capacity) {
			this.ids = new long[capacity];
			this.offsets = new int[capacity * 2];
		}

		void add(long id, int start, int end) {
			if (this.size == this.ids.length) {
				this.ids = Arrays.copyOf(this.ids, this.size * 2);
				this.offsets = Arrays.copyOf(this.offsets, this.size * 4);
			}
			this.ids[this.size] = id;
			this.offsets[2 * this.size] = start;
			this.offsets[2 * this.size + 1] = end;
			this.size++;
		}

		void truncate(int size) {
			this.size = size;
		}

		int size() {
			return this.size;
		}

		long[] ids() {
			return Arrays.copyOf(this.ids, this.size);
		}

		int[] offsets() {
			return Arrays.copyOf(this.offsets, this.size * 2);
		}

	}

	/**
	 * Vocabulary entries looked up by a range of a char array, so that trying every prefix of a word
	 * allocates nothing. Open addressing, String's hash.
	 */
	private static final class Vocabulary {

		private String[] keys = new String[1 << 16];

		private int[] values = new int[1 << 16];

		private int longest;

		void put(String key, int value) {
			int mask = this.keys.length - 1;
			int slot = hash(key.toCharArray(), 0, key.length()) & mask;
			while (this.keys[slot] != null && !this.keys[slot].equals(key)) {
				slot = (slot + 1) & mask;
			}
			this.keys[slot] = key;
			this.values[slot] = value;
			this.longest = Math.max(this.longest, key.length());
		}

		long get(char[] chars, int from, int to) {
			int mask = this.keys.length - 1;
			int slot = hash(chars, from, to) & mask;
			String key;
			while ((key = this.keys[slot]) != null) {
				if (matches(key, chars, from, to)) {
					return this.values[slot];
				}
				slot = (slot + 1) & mask;
			}
			return -1;
		}

		private static boolean matches(String key, char[] chars, int from, int to) {
			if (key.length() != to - from) {
				return false;
			}
			for (int i = 0; i < key.length(); i++) {
				if (key.charAt(i) != chars[from + i]) {
					return false;
				}
			}
			return true;
		}

		private static int hash(char[] chars, int from, int to) {
			int h = 0;
			for (int i = from; i < to; i++) {
				h = 31 * h + chars[i];
			}
			// Spread the high bits: String's hash differs mostly in its low bits for short keys.
			return h ^ (h >>> 16);
		}

	}

}
