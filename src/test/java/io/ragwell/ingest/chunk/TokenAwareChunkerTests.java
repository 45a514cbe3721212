package io.ragwell.ingest.chunk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SharedData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenAwareChunkerTests {

	/** One token per whitespace-separated word: additive, which makes expectations easy to state. */
	static final ToIntFunction<String> WORDS = (text) -> words(text).size();

	static final String[] VOCABULARY = { "protein", "cell", "the", "of", "binding", "increased", "mice", "2.5",
			"signal", "pathway", "über", "and", "response", "receptor", "was", "observed", "in", "T-cells", "dose",
			"Dr.", "e.g.", "95%", "(n=12)", "cohort", "trial", "placebo" };

	@Test
	void documentThatFitsIsOneChunkEqualToItsTrimmedText() {
		TokenAwareChunker chunker = new TokenAwareChunker(WORDS, 10, 2);
		List<Chunk> chunks = chunker.chunk(document("doc", "  \n Short text. Two sentences!\n\n"));
		assertThat(chunks).singleElement().satisfies((chunk) -> {
			assertThat(chunk.content()).isEqualTo("Short text. Two sentences!");
			assertThat(chunk.position()).isZero();
			assertThat(chunk.tokenCount()).isEqualTo(4);
		});
	}

	@Test
	void blankDocumentYieldsNoChunks() {
		assertThat(new TokenAwareChunker(WORDS, 10, 2).chunk(document("doc", " \n\t "))).isEmpty();
	}

	@Test
	void paragraphsThatFitTogetherKeepTheirBlankLine() {
		TokenAwareChunker chunker = new TokenAwareChunker(WORDS, 6, 0);
		List<Chunk> chunks = chunker.chunk(document("doc", "One two.\n\nThree four.\n\nFive six seven eight."));
		assertThat(chunks).extracting(Chunk::content).containsExactly("One two.\n\nThree four.", "Five six seven eight.");
	}

	@Test
	void longParagraphIsSplitAtSentenceBoundaries() {
		TokenAwareChunker chunker = new TokenAwareChunker(WORDS, 8, 0);
		String text = "Alpha beta gamma. Delta epsilon zeta eta? Theta iota kappa lambda mu! Nu xi.";
		assertThat(chunker.chunk(document("doc", text))).extracting(Chunk::content)
			.containsExactly("Alpha beta gamma. Delta epsilon zeta eta?", "Theta iota kappa lambda mu! Nu xi.");
	}

	@Test
	void sentenceLongerThanTheLimitIsSplitAtWords() {
		TokenAwareChunker chunker = new TokenAwareChunker(WORDS, 4, 0);
		assertThat(chunker.chunk(document("doc", "one two three four five six seven"))).extracting(Chunk::content)
			.containsExactly("one two three four", "five six seven");
	}

	@Test
	void overLongWordIsHardSplitByCharacters() {
		// Four characters per token, so a 40-character word is 10 tokens and must be cut.
		ToIntFunction<String> fourCharsPerToken = (text) -> (text.strip().length() + 3) / 4;
		TokenAwareChunker chunker = new TokenAwareChunker(fourCharsPerToken, 3, 0);
		String word = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
		List<Chunk> chunks = chunker.chunk(document("doc", word));
		assertThat(chunks).hasSizeGreaterThan(1)
			.allSatisfy((chunk) -> assertThat(fourCharsPerToken.applyAsInt(chunk.content())).isLessThanOrEqualTo(3));
		assertThat(String.join("", chunks.stream().map(Chunk::content).toList())).isEqualTo(word);
	}

	@Test
	void hardSplitNeverCutsASurrogatePair() {
		ToIntFunction<String> perChar = String::length;
		TokenAwareChunker chunker = new TokenAwareChunker(perChar, 3, 0);
		String emoji = "🚀🚀🚀🚀🚀";
		List<Chunk> chunks = chunker.chunk(document("doc", emoji));
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.content()).matches("(🚀)+"));
		assertThat(String.join("", chunks.stream().map(Chunk::content).toList())).isEqualTo(emoji);
	}

	@Test
	void consecutiveChunksStartWithTrailingWordsOfThePrevious() {
		TokenAwareChunker chunker = new TokenAwareChunker(WORDS, 6, 2);
		List<Chunk> chunks = chunker.chunk(document("doc", "a b c d e f g h i j k l m n"));
		assertThat(chunks).extracting(Chunk::content)
			.containsExactly("a b c d e f", "e f g h i j", "i j k l m n");
	}

	@Test
	void chunksCarryIdsInheritedFieldsTokenCountsAndContentHashes() {
		TokenAwareChunker chunker = new TokenAwareChunker(WORDS, 3, 1);
		Document document = new Document("d-1", Document.DEFAULT_NAMESPACE, "one two three four five",
				Map.of("lang", "en"), "notes.txt", Instant.EPOCH, Instant.EPOCH);
		List<Chunk> chunks = chunker.chunk(document);
		assertThat(chunks).hasSize(2);
		for (int i = 0; i < chunks.size(); i++) {
			Chunk chunk = chunks.get(i);
			assertThat(chunk.id()).isEqualTo("d-1#" + i);
			assertThat(chunk.documentId()).isEqualTo("d-1");
			assertThat(chunk.position()).isEqualTo(i);
			assertThat(chunk.metadata()).isEqualTo(Map.of("lang", "en"));
			assertThat(chunk.source()).isEqualTo("notes.txt");
			assertThat(chunk.tokenCount()).isEqualTo(WORDS.applyAsInt(chunk.content()));
		}
		// SHA-256 of "one two three" in UTF-8.
		assertThat(chunks.getFirst().content()).isEqualTo("one two three");
		assertThat(chunks.getFirst().contentHash())
			.isEqualTo("6899ee404683a14e8c2a03149860df25d67d34d9cd4dae7350cbe91e4b3976be");
		assertThat(chunks.get(1).contentHash()).isNotEqualTo(chunks.getFirst().contentHash());
	}

	@Test
	void overlapNotSmallerThanTheChunkSizeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenAwareChunker(WORDS, 32, 32))
			.withMessageContaining("overlap-tokens (32)")
			.withMessageContaining("32 tokens");
	}

	@Test
	void randomDocumentsSatisfyEveryChunkInvariant() {
		Random random = new Random(20240601);
		int multiChunkDocs = 0;
		for (int n = 0; n < 300; n++) {
			int max = 8 + random.nextInt(73);
			int overlap = random.nextInt(max / 2 + 1);
			TokenAwareChunker chunker = new TokenAwareChunker(WORDS, max, overlap);
			String text = randomDocument(random);
			Document document = document("doc-" + n, text);
			List<Chunk> chunks = chunker.chunk(document);
			String context = "doc " + n + " (max " + max + ", overlap " + overlap + ")";

			assertThat(chunks).as(context).isNotEmpty();
			for (int i = 0; i < chunks.size(); i++) {
				Chunk chunk = chunks.get(i);
				assertThat(chunk.content()).as(context).isNotBlank().isEqualTo(chunk.content().strip());
				assertThat(WORDS.applyAsInt(chunk.content())).as(context).isLessThanOrEqualTo(max);
				assertThat(chunk.tokenCount()).as(context).isEqualTo(WORDS.applyAsInt(chunk.content()));
				assertThat(chunk.position()).as(context).isEqualTo(i);
				assertThat(text).as(context).contains(chunk.content());
			}
			assertWordsCoveredInOrder(words(text), chunks, context);
			if (overlap > 0) {
				for (int i = 1; i < chunks.size(); i++) {
					assertThat(startsWithTailOf(chunks.get(i - 1).content(), chunks.get(i).content(), overlap))
						.as("%s: chunk %d overlaps chunk %d", context, i, i - 1)
						.isTrue();
				}
			}
			assertThat(chunker.chunk(document)).as(context).isEqualTo(chunks);
			multiChunkDocs += (chunks.size() > 1) ? 1 : 0;
		}
		assertThat(multiChunkDocs).isGreaterThan(200);
	}

	@Test
	void editAtTheEndKeepsTheLeadingChunkHashes() {
		Random random = new Random(7);
		int reused = 0;
		for (int n = 0; n < 200; n++) {
			int max = 8 + random.nextInt(40);
			TokenAwareChunker chunker = new TokenAwareChunker(WORDS, max, random.nextInt(max / 2 + 1));
			List<String> paragraphs = new ArrayList<>();
			for (int p = 0; p < 6 + random.nextInt(4); p++) {
				paragraphs.add(randomParagraph(random));
			}
			String head = String.join("\n\n", paragraphs.subList(0, paragraphs.size() - 1)) + "\n\n";
			String original = head + paragraphs.getLast();
			String edited = head + randomParagraph(random);
			List<Chunk> before = chunker.chunk(document("doc", original));
			List<Chunk> after = chunker.chunk(document("doc", edited));

			// Chunks that end before the last paragraph are untouched, except the one just before it:
			// greedy packing looks one piece ahead, into the edited paragraph.
			int searchFrom = 0;
			List<Integer> untouched = new ArrayList<>();
			for (Chunk chunk : before) {
				int at = original.indexOf(chunk.content(), searchFrom);
				if (at + chunk.content().length() <= head.length()) {
					untouched.add(chunk.position());
				}
				searchFrom = at;
			}
			if (!untouched.isEmpty()) {
				untouched.removeLast();
			}
			for (int position : untouched) {
				assertThat(after.get(position).contentHash()).as("doc %d chunk %d", n, position)
					.isEqualTo(before.get(position).contentHash());
			}
			reused += untouched.size();
		}
		assertThat(reused).isGreaterThan(500);
	}

	@RequiresSharedData("datasets/scifact")
	@Test
	void chunksFitTheRealMiniLmTokenizer() throws Exception {
		Path corpus = SharedData.resolve("datasets/scifact/corpus.jsonl");
		JsonMapper mapper = JsonMapper.builder().build();
		List<String> abstracts = Files.lines(corpus)
			.limit(12)
			.map((line) -> mapper.readTree(line).get("text").asString())
			.toList();
		String text = String.join("\n\n", abstracts);
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 8, 1)) {
			TokenAwareChunker chunker = new TokenAwareChunker(embedder::countTokens, embedder.maxInputTokens(), 32);
			List<Chunk> chunks = chunker.chunk(document("scifact", text));
			assertThat(embedder.countTokens(text)).isGreaterThan(4 * embedder.maxInputTokens());
			assertThat(chunks).hasSizeGreaterThan(4);
			for (Chunk chunk : chunks) {
				assertThat(embedder.countTokens(chunk.content())).isEqualTo(chunk.tokenCount())
					.isLessThanOrEqualTo(254);
				assertThat(text).contains(chunk.content());
			}
			assertWordsCoveredInOrder(words(text), chunks, "scifact");
			// Packing fills chunks: on average well over half the limit.
			assertThat(chunks.stream().mapToInt(Chunk::tokenCount).average().orElseThrow()).isGreaterThan(150);
		}
	}

	/**
	 * Each chunk's words are a contiguous run of the document's words that starts no later than where the
	 * previous chunk ended (no gap) and no earlier than where it started (in order), and together they
	 * reach the end.
	 */
	static void assertWordsCoveredInOrder(List<String> documentWords, List<Chunk> chunks, String context) {
		int covered = 0;
		int previousStart = 0;
		for (Chunk chunk : chunks) {
			List<String> chunkWords = words(chunk.content());
			int start = -1;
			for (int s = previousStart; s <= covered && s + chunkWords.size() <= documentWords.size(); s++) {
				if (documentWords.subList(s, s + chunkWords.size()).equals(chunkWords)) {
					start = s;
					break;
				}
			}
			assertThat(start).as("%s: chunk %d continues the document without a gap", context, chunk.position())
				.isNotNegative();
			covered = Math.max(covered, start + chunkWords.size());
			previousStart = start;
		}
		assertThat(covered).as(context).isEqualTo(documentWords.size());
	}

	/** Whether {@code next} starts with the last 1 to {@code most} words of {@code previous}. */
	static boolean startsWithTailOf(String previous, String next, int most) {
		List<String> a = words(previous);
		List<String> b = words(next);
		for (int k = 1; k <= Math.min(most, Math.min(a.size(), b.size())); k++) {
			if (a.subList(a.size() - k, a.size()).equals(b.subList(0, k))) {
				return true;
			}
		}
		return false;
	}

	static List<String> words(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
	}

	static String randomDocument(Random random) {
		List<String> paragraphs = new ArrayList<>();
		int count = 1 + random.nextInt(8);
		for (int p = 0; p < count; p++) {
			// Now and then a paragraph without any sentence punctuation, which only word splits can cut.
			paragraphs.add(random.nextInt(10) == 0 ? randomWords(random, 20 + random.nextInt(150))
					: randomParagraph(random));
		}
		return String.join(random.nextBoolean() ? "\n\n" : "\n \n\n", paragraphs);
	}

	static String randomParagraph(Random random) {
		StringBuilder paragraph = new StringBuilder();
		int sentences = 1 + random.nextInt(10);
		for (int s = 0; s < sentences; s++) {
			if (s > 0) {
				paragraph.append(random.nextInt(5) == 0 ? "\n" : " ");
			}
			paragraph.append(randomWords(random, 1 + random.nextInt(40)))
				.append(".!?".charAt(random.nextInt(3)));
		}
		return paragraph.toString();
	}

	static String randomWords(Random random, int count) {
		StringBuilder words = new StringBuilder();
		for (int w = 0; w < count; w++) {
			words.append(w == 0 ? "" : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
		}
		return words.toString();
	}

	static Document document(String id, String text) {
		return new Document(id, Document.DEFAULT_NAMESPACE, text, Map.of(), null, Instant.EPOCH, Instant.EPOCH);
	}

}
