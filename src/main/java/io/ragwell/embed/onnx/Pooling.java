package io.ragwell.embed.onnx;

/** How a model's per-token hidden states are reduced to one sentence vector. */
public enum Pooling {

	/** Average of the hidden states of the real (unpadded) tokens, special tokens included. */
	MEAN,

	/** Hidden state of the leading {@code [CLS]} token. */
	CLS

}
