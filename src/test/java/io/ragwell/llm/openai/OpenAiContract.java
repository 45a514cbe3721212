package io.ragwell.llm.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.ragwell.support.SharedData;
import okhttp3.Headers;

/** The OpenAI contract fixtures in {@code ../shared/contracts/openai}, read in place. */
public final class OpenAiContract {

	private OpenAiContract() {
	}

	public static String read(String name) {
		try {
			return Files.readString(SharedData.resolve("contracts/openai/" + name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The headers listed in {@code rate-limit-headers.example.txt}, comments skipped. */
	public static Headers rateLimitHeaders() {
		Headers.Builder headers = new Headers.Builder();
		read("rate-limit-headers.example.txt").lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach(headers::add);
		return headers.build();
	}

}
