package io.ragwell.web.openai;

import org.jspecify.annotations.Nullable;

/**
 * A request the OpenAI-compatible endpoint refuses in OpenAI's own terms (an unsupported parameter, an unknown
 * model), rendered as OpenAI's error object by {@link OpenAiErrors}.
 */
final class OpenAiException extends RuntimeException {

	private final int status;

	private final String type;

	private final @Nullable String param;

	private final @Nullable String code;

	OpenAiException(int status, String type, @Nullable String param, @Nullable String code, String message) {
		super(message);
		this.status = status;
		this.type = type;
		this.param = param;
		this.code = code;
	}

	static OpenAiException invalid(@Nullable String param, @Nullable String code, String message) {
		return new OpenAiException(400, "invalid_request_error", param, code, message);
	}

	int status() {
		return this.status;
	}

	String type() {
		return this.type;
	}

	@Nullable String param() {
		return this.param;
	}

	@Nullable String code() {
		return this.code;
	}

}
