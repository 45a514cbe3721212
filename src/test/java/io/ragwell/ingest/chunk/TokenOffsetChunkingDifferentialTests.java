package io.ragwell.ingest.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counting a document's spans from one tokenisation (the model tokenizer's offsets) must give exactly the
 * chunks that tokenising every candidate span gives, with both bundled tokenizers, on text built to stress
 * the tokenizers' normalisation: accents, CJK, punctuation runs, over-long words, control characters.
 */
class TokenOffsetChunkingDifferentialTests {

	private static final String[] ODD_WORDS = { "naïve", "Ångström", "café", "résumé", "東京大学", "データ", "😀",
			"e.g.", "(IL-6)", "p<0.05", "x²", "—", "...", "“quoted”", "don't", "U.S.", "ﬁnal", "\u0007bell",
			"zero\u200Bwidth", "αβγ-δ", "C++", "a/b/c", "1,000,000", "https://example.org/a?b=c",
			"pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3), "tab\there", "x" };

	private static OnnxEmbedder minilm;

	private static OnnxEmbedder bge;

	@BeforeAll
	static void loadModels() {
		minilm = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 8, 1);
		bge = new OnnxEmbedder(OnnxModel.BGE_SMALL_EN_V15_Q, 8, 1);
	}

	@AfterAll
	static void closeModels() {
		minilm.close();
		bge.close();
	}

	@ParameterizedTest
	@EnumSource(names = { "ALL_MINILM_L6_V2_Q", "BGE_SMALL_EN_V15_Q" })
	void offsetCountingChunksLikeTokenisingEverySpanOnStressText(OnnxModel model) {
		OnnxEmbedder embedder = (model == OnnxModel.ALL_MINILM_L6_V2_Q) ? minilm : bge;
		Random random = new Random(31);
		AtomicInteger fallbacks = new AtomicInteger();
		for (int size : new int[] { 40, 126, 254 }) {
			TokenAwareChunker slow = new TokenAwareChunker(embedder::countTokens, size, Math.min(32, size / 4));
			TokenAwareChunker fast = new TokenAwareChunker((text) -> {
				fallbacks.incrementAndGet();
				return embedder.countTokens(text);
			}, embedder::tokenOffsets, size, Math.min(32, size / 4));
			for (int d = 0; d < 60; d++) {
				Document document = TokenAwareChunkerTests.document("doc-" + d, stressDocument(random));
				assertSameChunks(slow.chunk(document), fast.chunk(document), document.content());
			}
		}
		// The fast path must actually be taken: fallbacks are for cuts inside words only.
		assertThat(fallbacks.get()).isLessThan(60 * 3 * 2);
	}

	@RequiresSharedData("datasets/scifact")
	@Test
	void offsetCountingChunksLikeTokenisingEverySpanOnSciFactAbstracts() {
		TokenAwareChunker slow = new TokenAwareChunker(minilm::countTokens, minilm.maxInputTokens(), 32);
		TokenAwareChunker fast = new TokenAwareChunker(minilm::countTokens, minilm::tokenOffsets,
				minilm.maxInputTokens(), 32);
		int documents = 0;
		for (SciFact.Doc doc : SciFact.corpus().values()) {
			if (documents++ == 800) {
				break;
			}
			Document document = TokenAwareChunkerTests.document(doc.id(), doc.content());
			assertSameChunks(slow.chunk(document), fast.chunk(document), doc.id());
		}
		assertThat(documents).isGreaterThan(800);
	}

	private static void assertSameChunks(List<Chunk> expected, List<Chunk> actual, String context) {
		assertThat(actual).as(context).isEqualTo(expected);
	}

	private static String stressDocument(Random random) {
		List<String> paragraphs = new ArrayList<>();
		int count = 1 + random.nextInt(5);
		for (int p = 0; p < count; p++) {
			StringBuilder paragraph = new StringBuilder();
			int words = 5 + random.nextInt(400);
			for (int w = 0; w < words; w++) {
				if (w > 0) {
					paragraph.append(random.nextInt(12) == 0 ? "  " : " ");
				}
				paragraph.append(random.nextInt(4) == 0 ? ODD_WORDS[random.nextInt(ODD_WORDS.length)]
						: TokenAwareChunkerTests.randomWords(random, 1));
				if (random.nextInt(9) == 0) {
					paragraph.append(".!?;:,".charAt(random.nextInt(6)));
				}
			}
			paragraphs.add(paragraph.toString());
		}
		return String.join(random.nextBoolean() ? "\n\n" : "\n\t\n", paragraphs);
	}

}
