package io.ragwell.embed.onnx;

import java.util.List;
import java.util.stream.Stream;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our embeddings against LangChain4j's in-process models, which run the same ONNX files. The reference
 * truncates MiniLM inputs at 128 tokens, so every text here stays below that.
 */
class OnnxEmbedderDifferentialTests {

	static final List<String> TEXTS = List.of("hello", "Hello, world!", "The quick brown fox jumps over the lazy dog.",
			"What is the capital of France?", "Paris is the capital and most populous city of France.",
			"!!! ??? ... ;;; ---", "Numbers: 3.14159, 42, -7, 1e10, 2024-06-01 and 100%.",
			"naïve café résumé façade", "東京は日本の首都です。", "Привет, как дела?", "emoji test 🚀🔥 ok",
			"C++ and C# are different; so is F#.", "e-mail: someone@example.com, url: https://example.org/a?b=c",
			"   leading and trailing whitespace   ", "UPPERCASE WORDS SHOULD BE LOWERCASED BY THE TOKENIZER",
			"Mitochondria are the powerhouse of the cell, producing ATP through oxidative phosphorylation.",
			"The defendant's motion to dismiss was denied because the complaint stated a plausible claim.",
			"x", "α-synuclein aggregation in Parkinson's disease (PD) correlates with neuronal loss.",
			"A longer passage about retrieval: dense retrievers embed queries and passages into one vector space, "
					+ "and the nearest passages by cosine similarity are returned to the language model as context.");

	static OnnxEmbedder miniLm;

	static OnnxEmbedder bge;

	@BeforeAll
	static void load() {
		miniLm = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 8, 2);
		bge = new OnnxEmbedder(OnnxModel.BGE_SMALL_EN_V15_Q, 8, 2);
	}

	@AfterAll
	static void close() {
		miniLm.close();
		bge.close();
	}

	static Stream<Arguments> models() {
		return Stream.of(Arguments.of("all-minilm-l6-v2-q", new AllMiniLmL6V2QuantizedEmbeddingModel()),
				Arguments.of("bge-small-en-v1.5-q", new BgeSmallEnV15QuantizedEmbeddingModel()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("models")
	void passageEmbeddingsMatchTheLangChain4jReferenceModel(String modelId, EmbeddingModel reference) {
		OnnxEmbedder embedder = modelId.equals(miniLm.modelName()) ? miniLm : bge;
		assertThat(TEXTS).allSatisfy((text) -> assertThat(embedder.countTokens(text)).isLessThan(126));
		List<float[]> ours = embedder.embedBatch(TEXTS);
		for (int i = 0; i < TEXTS.size(); i++) {
			float[] expected = reference.embed(TEXTS.get(i)).content().vector();
			assertThat(cosine(ours.get(i), expected)).as("%s: %s", modelId, TEXTS.get(i)).isGreaterThanOrEqualTo(0.999);
		}
	}

	static double cosine(float[] a, float[] b) {
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			na += a[i] * a[i];
			nb += b[i] * b[i];
		}
		return dot / Math.sqrt(na * nb);
	}

}
