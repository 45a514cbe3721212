package io.ragwell.embed.onnx;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The in-process models Ragwell ships, keyed by the {@code ragwell.embedding.model} value. The model and
 * tokenizer files sit at the classpath root (carried by the LangChain4j embedding jars), so nothing is
 * downloaded at run time.
 */
public enum OnnxModel {

	/**
	 * sentence-transformers/all-MiniLM-L6-v2, int8-quantised. Mean pooling; 256 tokens is the limit
	 * sentence-transformers trains and runs it with, even though BERT's position table allows 512.
	 */
	ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
			Pooling.MEAN, 384, 256, ""),

	/**
	 * BAAI/bge-small-en-v1.5, int8-quantised. CLS pooling, and queries (not passages) carry the retrieval
	 * instruction from the BAAI model card.
	 */
	BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
			Pooling.CLS, 384, 512, "Represent this sentence for searching relevant passages: ");

	private final String id;

	private final String modelResource;

	private final String tokenizerResource;

	private final Pooling pooling;

	private final int dimensions;

	private final int maxSequenceLength;

	private final String queryPrefix;

	OnnxModel(String id, String modelResource, String tokenizerResource, Pooling pooling, int dimensions,
			int maxSequenceLength, String queryPrefix) {
		this.id = id;
		this.modelResource = modelResource;
		this.tokenizerResource = tokenizerResource;
		this.pooling = pooling;
		this.dimensions = dimensions;
		this.maxSequenceLength = maxSequenceLength;
		this.queryPrefix = queryPrefix;
	}

	/**
	 * The model configured as {@code id}.
	 * @throws IllegalArgumentException naming the valid ids when {@code id} is not one of them
	 */
	public static OnnxModel fromId(String id) {
		for (OnnxModel model : values()) {
			if (model.id.equals(id.trim())) {
				return model;
			}
		}
		String valid = Arrays.stream(values()).map(OnnxModel::id).collect(Collectors.joining(", "));
		throw new IllegalArgumentException(
				"Unknown ragwell.embedding.model '" + id + "'; valid values are: " + valid);
	}

	/** The {@code ragwell.embedding.model} value. */
	public String id() {
		return this.id;
	}

	/** Classpath resource of the ONNX graph. */
	public String modelResource() {
		return this.modelResource;
	}

	/** Classpath resource of the Hugging Face {@code tokenizer.json}. */
	public String tokenizerResource() {
		return this.tokenizerResource;
	}

	public Pooling pooling() {
		return this.pooling;
	}

	public int dimensions() {
		return this.dimensions;
	}

	/** Longest input the model is run with, special tokens included. */
	public int maxSequenceLength() {
		return this.maxSequenceLength;
	}

	/** Longest input without the {@code [CLS]} and {@code [SEP]} the model adds. */
	public int maxInputTokens() {
		return this.maxSequenceLength - 2;
	}

	/** Prepended to queries only; empty for symmetric models. */
	public String queryPrefix() {
		return this.queryPrefix;
	}

}
