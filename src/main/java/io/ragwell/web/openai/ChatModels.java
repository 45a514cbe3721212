package io.ragwell.web.openai;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The "models" Ragwell offers: retrieval configurations over the caller's documents, all answered by the
 * configured answerer. {@code ragwell} uses {@code ragwell.query.default-mode}; the others fix the mode.
 */
enum ChatModels {

	RAGWELL("ragwell", null), HYBRID("ragwell-hybrid", "hybrid"), DENSE("ragwell-dense", "dense"),
	SPARSE("ragwell-sparse", "sparse");

	/** Models' {@code created}: a fixed time (this API's first release), as OpenAI reports its models'. */
	static final long CREATED = 1_764_547_200L;

	private final String id;

	private final @Nullable String mode;

	ChatModels(String id, @Nullable String mode) {
		this.id = id;
		this.mode = mode;
	}

	String id() {
		return this.id;
	}

	/** The retrieval mode, or null for the configured default. */
	@Nullable String mode() {
		return this.mode;
	}

	static @Nullable ChatModels byId(@Nullable String id) {
		for (ChatModels model : values()) {
			if (model.id.equals(id)) {
				return model;
			}
		}
		return null;
	}

	static List<String> ids() {
		return java.util.Arrays.stream(values()).map(ChatModels::id).toList();
	}

}
