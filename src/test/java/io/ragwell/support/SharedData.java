package io.ragwell.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared} (third-party datasets and API contracts), which tests read in place and
 * never copy. A fresh clone has no {@code ../shared}: tests that need it are skipped with a message, except
 * under {@code CI=true}, where its absence is a failure.
 */
public final class SharedData {

	private SharedData() {
	}

	/** The shared folder, or the test is skipped (failed under CI) when it is absent. */
	public static Path root() {
		String configured = System.getenv("RAGWELL_SHARED_DIR");
		Path root = (configured != null && !configured.isBlank()) ? Path.of(configured) : Path.of("..", "shared");
		return require(root.toAbsolutePath().normalize(), "the shared data folder");
	}

	/** A path below the shared folder, e.g. {@code contracts/openai/chat-completion.response.json}. */
	public static Path resolve(String relative) {
		return require(root().resolve(relative), relative);
	}

	private static Path require(Path path, String what) {
		if (Files.exists(path)) {
			return path;
		}
		String message = what + " is missing at " + path
				+ " (clone the project next to the 'shared' folder, or set RAGWELL_SHARED_DIR)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + "; under CI=true this is a failure, not a skip");
		}
		Assumptions.abort(message);
		return path;
	}

}
