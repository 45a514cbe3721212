package io.ragwell.ingest.chunk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.Embedder;
import org.jspecify.annotations.Nullable;

/**
 * Splits a document into chunks of at most {@code maxTokens} tokens as the embedding model counts them.
 *
 * <p>The text is cut recursively at the coarsest boundary that makes the pieces small enough: paragraphs
 * (blank lines), then sentences ({@code .}, {@code !} or {@code ?} followed by whitespace), then words,
 * and as a last resort a single over-long "word" by characters. The pieces are packed greedily into chunks;
 * every chunk after the first starts with about {@code overlapTokens} tokens of whole words from the end of
 * the previous one, so a fact cut at a boundary is still whole in one of the two.
 *
 * <p>Every chunk is a verbatim substring of the document, so pieces keep the separators they had, and
 * chunking is deterministic. Packing only looks ahead one piece, so an edit near the end of a document
 * leaves the leading chunks, and their content hashes, unchanged: re-ingest can reuse their embeddings.
 *
 * <p>Token counts are re-checked on every emitted chunk, since counts of pieces are not exactly additive.
 */
public final class TokenAwareChunker implements Chunker {

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n\\s*");

	private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?][\"')\\]]{0,2})\\s+");

	private static final Pattern WORD_BREAK = Pattern.compile("\\s+");

	private static final Pattern[] BREAKS = { PARAGRAPH_BREAK, SENTENCE_BREAK, WORD_BREAK };

	private final ToIntFunction<String> tokenCounter;

	private final Function<String, int @Nullable []> tokenOffsets;

	private final int maxTokens;

	private final int overlapTokens;

	/**
	 * @param tokenCounter tokens of a text under the embedding model's tokenizer, without special tokens
	 * @param maxTokens most tokens in one chunk, 1 or more
	 * @param overlapTokens tokens of the previous chunk repeated at the start of the next, less than
	 * {@code maxTokens}
	 */
	public TokenAwareChunker(ToIntFunction<String> tokenCounter, int maxTokens, int overlapTokens) {
		this(tokenCounter, (text) -> null, maxTokens, overlapTokens);
	}

	/**
	 * A chunker that tokenises each document once to count its spans (see {@link Embedder#tokenOffsets}) and
	 * falls back to {@code tokenCounter} where that does not apply.
	 * @param tokenCounter tokens of a text under the embedding model's tokenizer, without special tokens
	 * @param tokenOffsets the tokens' character offsets, {@code [start0, end0, ...]}, or null when unknown
	 * @param maxTokens most tokens in one chunk, 1 or more
	 * @param overlapTokens tokens of the previous chunk repeated at the start of the next, less than
	 * {@code maxTokens}
	 */
	public TokenAwareChunker(ToIntFunction<String> tokenCounter, Function<String, int @Nullable []> tokenOffsets,
			int maxTokens, int overlapTokens) {
		this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
		this.tokenOffsets = Objects.requireNonNull(tokenOffsets, "tokenOffsets");
		if (maxTokens < 1) {
			throw new IllegalArgumentException("chunk size must be at least 1 token, was " + maxTokens);
		}
		if (overlapTokens < 0 || overlapTokens >= maxTokens) {
			throw new IllegalArgumentException("ragwell.chunking.overlap-tokens (" + overlapTokens
					+ ") must be at least 0 and smaller than the chunk size (" + maxTokens + " tokens)");
		}
		this.maxTokens = maxTokens;
		this.overlapTokens = overlapTokens;
	}

	public int maxTokens() {
		return this.maxTokens;
	}

	public int overlapTokens() {
		return this.overlapTokens;
	}

	@Override
	public List<Chunk> chunk(Document document) {
		String text = document.content().strip();
		if (text.isEmpty()) {
			return List.of();
		}
		List<Chunk> chunks = new ArrayList<>();
		int[] offsets = this.tokenOffsets.apply(text);
		int whole = count(text, offsets, 0, text.length());
		if (whole <= this.maxTokens) {
			chunks.add(toChunk(document, text, 0, whole));
			return chunks;
		}
		// Pieces leave room for the overlap, so a chunk can always take the overlap plus one new piece.
		List<Span> pieces = new ArrayList<>();
		split(text, offsets, 0, text.length(), 0, this.maxTokens - this.overlapTokens, pieces);
		int next = 0;
		int start = pieces.getFirst().start();
		int overlapCount = 0;
		while (next < pieces.size()) {
			Packed packed = pack(text, offsets, pieces, start, overlapCount, next);
			int end = pieces.get(packed.lastPiece()).end();
			chunks.add(toChunk(document, text.substring(packed.start(), end), chunks.size(), packed.tokens()));
			next = packed.lastPiece() + 1;
			if (next < pieces.size()) {
				start = (this.overlapTokens > 0) ? overlapStart(text, offsets, packed.start(), end) : end;
				if (start < end) {
					overlapCount = count(text, offsets, start, end);
				}
				else {
					// Nothing fits as overlap: start cleanly at the next piece, not on its separator.
					start = pieces.get(next).start();
					overlapCount = 0;
				}
			}
		}
		return chunks;
	}

	/**
	 * The chunk that starts at {@code start} (an overlap, or the start of piece {@code first}) and takes
	 * as many pieces from {@code first} on as fit. Sizes are first estimated by adding piece counts, then
	 * the real count decides.
	 */
	private Packed pack(String text, int @Nullable [] offsets, List<Span> pieces, int start, int overlapCount,
			int first) {
		int last = first;
		int estimate = overlapCount + pieces.get(first).tokens();
		while (last + 1 < pieces.size() && estimate + pieces.get(last + 1).tokens() <= this.maxTokens) {
			last++;
			estimate += pieces.get(last).tokens();
		}
		int tokens = count(text, offsets, start, pieces.get(last).end());
		while (tokens > this.maxTokens && last > first) {
			last--;
			tokens = count(text, offsets, start, pieces.get(last).end());
		}
		// Still too long with a single new piece: give up overlap, word by word, down to none.
		int pieceStart = pieces.get(first).start();
		while (tokens > this.maxTokens && start < pieceStart) {
			int nextWord = nextWordStart(text, start, pieceStart);
			start = nextWord;
			tokens = count(text, offsets, start, pieces.get(last).end());
		}
		if (tokens > this.maxTokens) {
			throw new IllegalStateException("piece of " + tokens + " tokens exceeds the chunk size of "
					+ this.maxTokens + "; the token counter is not consistent");
		}
		return new Packed(start, last, tokens);
	}

	/** Start of the next word after {@code from}, or {@code limit}. */
	private static int nextWordStart(String text, int from, int limit) {
		int i = from;
		while (i < limit && !Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		while (i < limit && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/**
	 * Start of the longest run of whole trailing words of {@code [chunkStart, end)} that has at most
	 * {@code overlapTokens} tokens, or {@code end} when not even the last word fits.
	 */
	private int overlapStart(String text, int @Nullable [] offsets, int chunkStart, int end) {
		// Word starts, walking back from the end; a word has at least one token, so overlapTokens words
		// are always enough candidates.
		List<Integer> starts = new ArrayList<>();
		int i = end;
		while (starts.size() < this.overlapTokens && i > chunkStart) {
			while (i > chunkStart && Character.isWhitespace(text.charAt(i - 1))) {
				i--;
			}
			while (i > chunkStart && !Character.isWhitespace(text.charAt(i - 1))) {
				i--;
			}
			if (i < end && !Character.isWhitespace(text.charAt(i))) {
				starts.add(i);
			}
		}
		// Binary search for the most words that fit: counts grow with every word added.
		int low = 0;
		int high = starts.size();
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (count(text, offsets, starts.get(mid - 1), end) <= this.overlapTokens) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return (low == 0) ? end : starts.get(low - 1);
	}

	/**
	 * Adds to {@code out} the pieces of {@code text[start, end)}, each of at most {@code limit} tokens,
	 * cutting at the boundaries of {@code level} and finer.
	 */
	private void split(String text, int @Nullable [] offsets, int start, int end, int level, int limit,
			List<Span> out) {
		// Pieces never begin or end with whitespace, so chunks do not either.
		while (start < end && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		if (start == end) {
			return;
		}
		int tokens = count(text, offsets, start, end);
		if (tokens <= limit) {
			out.add(new Span(start, end, tokens));
			return;
		}
		if (level == BREAKS.length) {
			splitCharacters(text, offsets, start, end, limit, out);
			return;
		}
		Matcher matcher = BREAKS[level].matcher(text).region(start, end);
		int pieceStart = start;
		while (matcher.find()) {
			if (matcher.start() > pieceStart) {
				split(text, offsets, pieceStart, matcher.start(), level + 1, limit, out);
			}
			pieceStart = matcher.end();
		}
		if (end > pieceStart) {
			split(text, offsets, pieceStart, end, level + 1, limit, out);
		}
	}

	/** Last resort for one over-long word: the longest prefixes that fit, never splitting a code point. */
	private void splitCharacters(String text, int @Nullable [] offsets, int start, int end, int limit,
			List<Span> out) {
		int[] cuts = new int[text.codePointCount(start, end) + 1];
		cuts[0] = start;
		for (int i = 1; i < cuts.length; i++) {
			cuts[i] = text.offsetByCodePoints(cuts[i - 1], 1);
		}
		int from = 0;
		while (from < cuts.length - 1) {
			// Largest cut whose prefix fits; the first code point is taken regardless.
			int low = from + 1;
			int high = cuts.length - 1;
			while (low < high) {
				int mid = (low + high + 1) >>> 1;
				if (count(text, offsets, cuts[from], cuts[mid]) <= limit) {
					low = mid;
				}
				else {
					high = mid - 1;
				}
			}
			out.add(new Span(cuts[from], cuts[low], count(text, offsets, cuts[from], cuts[low])));
			from = low;
		}
	}

	private Chunk toChunk(Document document, String content, int position, int tokens) {
		return new Chunk(Chunk.idFor(document.id(), position), document.id(), content, position,
				document.metadata(), tokens, document.source(), sha256(content));
	}

	/**
	 * Tokens of {@code text[start, end)}. From the document's token offsets when both ends touch white space
	 * (no token can straddle them, and WordPiece tokenises whitespace-separated words independently, so the
	 * span's own tokenisation is exactly the document's tokens inside it); otherwise by tokenising the span.
	 */
	private int count(String text, int @Nullable [] offsets, int start, int end) {
		if (offsets != null && atWhitespace(text, start) && atWhitespace(text, end)) {
			return firstTokenStartingAtOrAfter(offsets, end) - firstTokenStartingAtOrAfter(offsets, start);
		}
		return this.tokenCounter.applyAsInt(text.substring(start, end));
	}

	/** Whether a cut at {@code at} is at the text's ends or next to white space. */
	private static boolean atWhitespace(String text, int at) {
		return at == 0 || at == text.length() || Character.isWhitespace(text.charAt(at - 1))
				|| Character.isWhitespace(text.charAt(at));
	}

	/** Index of the first token whose start offset is at or after {@code at}; tokens are in text order. */
	private static int firstTokenStartingAtOrAfter(int[] offsets, int at) {
		int low = 0;
		int high = offsets.length / 2;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (offsets[2 * mid] < at) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	static String sha256(String content) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/** {@code [start, end)} of the document text, with its token count. */
	private record Span(int start, int end, int tokens) {
	}

	/** A chunk's text start, the last piece it takes, and its verified token count. */
	private record Packed(int start, int lastPiece, int tokens) {
	}

}
