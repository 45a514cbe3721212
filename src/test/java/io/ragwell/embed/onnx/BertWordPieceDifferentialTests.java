package io.ragwell.embed.onnx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BertWordPiece} must give exactly the Hugging Face tokenizer's ids and offsets wherever it answers:
 * for every covered code point in several contexts, on random text built from them, and on all of SciFact.
 */
class BertWordPieceDifferentialTests {

	private static final String[] WORDS = { "the", "protein", "IL-6", "p<0.05", "don't", "[CLS]", "[MASK]", "[SEP",
			"CLS]", "x²", "naïve", "Ångström", "αβγ", "μm", "±", "résumé", "e.g.", "U.S.", "—", "“q”", "C++",
			"1,000", "https://a.org/b?c=d", "unbelievably", "##ing", "[UNK]", "[PAD]" };

	private static final Map<OnnxModel, HuggingFaceTokenizer> references = new java.util.EnumMap<>(OnnxModel.class);

	@BeforeAll
	static void loadReferences() {
		for (OnnxModel model : OnnxModel.values()) {
			try (InputStream in = resource(model)) {
				references.put(model, HuggingFaceTokenizer.newInstance(in,
						Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@AfterAll
	static void closeReferences() {
		references.values().forEach(HuggingFaceTokenizer::close);
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void everyCoveredCodePointTokenisesLikeTheReferenceInContext(OnnxModel model) {
		BertWordPiece tokenizer = BertWordPiece.fromResource(model.tokenizerResource()).orElseThrow();
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (int[] range : BertWordPiece.COVERED) {
			for (int cp = range[0]; cp <= range[1]; cp++) {
				String c = Character.toString(cp);
				for (String text : List.of(c, "ab" + c + "cd", c + " x", "x" + c + c + "tion", "é" + c + "\u0301s",
						"[" + c + "CLS]", c + "[SEP]" + c)) {
					if (compare(model, tokenizer, text, mismatches)) {
						checked++;
					}
				}
			}
		}
		assertThat(checked).isGreaterThan(7 * 2500);
		assertThat(mismatches).as("texts tokenised differently from the reference").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void randomTextOfCoveredCharactersTokenisesLikeTheReference(OnnxModel model) {
		BertWordPiece tokenizer = BertWordPiece.fromResource(model.tokenizerResource()).orElseThrow();
		int[] covered = Arrays.stream(BertWordPiece.COVERED)
			.flatMapToInt((range) -> java.util.stream.IntStream.rangeClosed(range[0], range[1]))
			.toArray();
		Random random = new Random(7);
		List<String> mismatches = new ArrayList<>();
		for (int t = 0; t < 3000; t++) {
			StringBuilder text = new StringBuilder();
			int parts = 1 + random.nextInt(60);
			for (int p = 0; p < parts; p++) {
				switch (random.nextInt(6)) {
					case 0, 1 -> text.append(WORDS[random.nextInt(WORDS.length)]);
					case 2 -> text.append(" \n\t\u00A0\u2003".charAt(random.nextInt(5)));
					case 3 -> text.appendCodePoint(covered[random.nextInt(covered.length)]);
					case 4 -> text.append("x".repeat(95 + random.nextInt(10)));
					default -> text.append(' ');
				}
			}
			compare(model, tokenizer, text.toString(), mismatches);
		}
		assertThat(mismatches).as("texts tokenised differently from the reference").isEmpty();
	}

	@RequiresSharedData("datasets/scifact")
	@Test
	void sciFactTokenisesLikeTheReferenceAndMostOfItTakesThePlainJavaPath() {
		OnnxModel model = OnnxModel.ALL_MINILM_L6_V2_Q;
		BertWordPiece tokenizer = BertWordPiece.fromResource(model.tokenizerResource()).orElseThrow();
		List<String> mismatches = new ArrayList<>();
		int documents = 0;
		int declined = 0;
		for (SciFact.Doc doc : SciFact.corpus().values()) {
			documents++;
			if (tokenizer.encode(doc.content()) == null) {
				declined++;
			}
			compare(model, tokenizer, doc.content(), mismatches);
		}
		assertThat(documents).isGreaterThan(5000);
		assertThat(mismatches).as("documents tokenised differently from the reference").isEmpty();
		// Text from outside the covered blocks goes to the reference; on English abstracts that is rare.
		assertThat(declined).as("documents left to the reference").isLessThan(documents / 20);
	}

	@Test
	void declinesTextWithCharactersOutsideTheCoveredBlocks() {
		BertWordPiece tokenizer = BertWordPiece.fromResource(OnnxModel.ALL_MINILM_L6_V2_Q.tokenizerResource())
			.orElseThrow();
		assertThat(tokenizer.encode("protein 東京")).isNull();
		assertThat(tokenizer.encode("smile 😀")).isNull();
		assertThat(tokenizer.encode("half \uD800 surrogate")).isNull();
		assertThat(tokenizer.encode("protein folding")).isNotNull();
	}

	@Test
	void embedderAnswersDeclinedTextFromTheReference() {
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 8, 1)) {
			for (String text : List.of("東京大学 protein", "😀 smile", "plain words only")) {
				Reference reference = reference(OnnxModel.ALL_MINILM_L6_V2_Q, text);
				assertThat(embedder.countTokens(text)).as(text).isEqualTo(reference.ids().length);
				assertThat(embedder.tokenOffsets(text)).as(text).isEqualTo(reference.utf16Offsets(text));
			}
		}
	}

	@Test
	void onlyBertWordPiecePipelinesGetAnInstance() {
		String bert = """
				{"added_tokens": [{"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false,
				  "rstrip": false, "normalized": false, "special": true}],
				 "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
				  "strip_accents": null, "lowercase": true},
				 "pre_tokenizer": {"type": "BertPreTokenizer"},
				 "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
				  "max_input_chars_per_word": 100, "vocab": {"[UNK]": 1, "a": 2, "##b": 3}}}
				""";
		BertWordPiece tiny = BertWordPiece.from(stream(bert)).orElseThrow();
		assertThat(tiny.encode("ab c").ids()).containsExactly(2, 3, 1);
		assertThat(tiny.encode("ab c").offsets()).containsExactly(0, 1, 1, 2, 3, 4);
		assertThat(BertWordPiece.from(stream(bert.replace("\"lowercase\": true", "\"lowercase\": false"))))
			.isEmpty();
		assertThat(BertWordPiece.from(stream(bert.replace("BertPreTokenizer", "Whitespace")))).isEmpty();
		assertThat(BertWordPiece.from(stream(bert.replace("\"lstrip\": false", "\"lstrip\": true")))).isEmpty();
		assertThat(BertWordPiece.from(stream("not json"))).isEmpty();
	}

	/** Whether {@code tokenizer} answered (and so was compared). */
	private static boolean compare(OnnxModel model, BertWordPiece tokenizer, String text, List<String> mismatches) {
		BertWordPiece.Tokens tokens = tokenizer.encode(text);
		if (tokens == null) {
			return false;
		}
		Reference reference = reference(model, text);
		if (!Arrays.equals(tokens.ids(), reference.ids())
				|| !Arrays.equals(tokens.offsets(), reference.utf16Offsets(text))) {
			if (mismatches.size() < 8 && text.length() < 40) {
				mismatches.add(escape(text) + ": ids " + Arrays.toString(tokens.ids()) + " vs "
						+ Arrays.toString(reference.ids()) + ", offsets " + Arrays.toString(tokens.offsets())
						+ " vs " + Arrays.toString(reference.utf16Offsets(text)));
			}
			else {
				mismatches.add("(long text)");
			}
		}
		return true;
	}

	private static Reference reference(OnnxModel model, String text) {
		long encoding = TokenizersLibrary.LIB.encode(references.get(model).getHandle(), text, false);
		try {
			return new Reference(TokenizersLibrary.LIB.getTokenIds(encoding),
					TokenizersLibrary.LIB.getTokenCharSpans(encoding));
		}
		finally {
			TokenizersLibrary.LIB.deleteEncoding(encoding);
		}
	}

	private record Reference(long[] ids, CharSpan[] spans) {

		/** The reference counts code points; convert to UTF-16 units as Java indexes strings. */
		int[] utf16Offsets(String text) {
			int[] offsets = new int[this.spans.length * 2];
			for (int i = 0; i < this.spans.length; i++) {
				offsets[2 * i] = text.offsetByCodePoints(0, this.spans[i].getStart());
				offsets[2 * i + 1] = text.offsetByCodePoints(0, this.spans[i].getEnd());
			}
			return offsets;
		}

	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints()
			.forEach((cp) -> out.append((cp < 0x20 || cp > 0x7E) ? String.format("\\u%04X", cp)
					: Character.toString(cp)));
		return out.toString();
	}

	private static InputStream stream(String json) {
		return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
	}

	private static InputStream resource(OnnxModel model) {
		return BertWordPieceDifferentialTests.class.getClassLoader().getResourceAsStream(model.tokenizerResource());
	}

}
