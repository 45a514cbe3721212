package io.ragwell.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared} (third-party datasets and API contracts), which tests read in place and
 * never copy. A fresh clone has no {@code ../shared}: tests that need it carry {@link RequiresSharedData} and are
 * skipped with a message, except under {@code CI=true}, where its absence is a failure.
 *
 * <p>The folder is {@code -Dragwell.shared.dir}, else {@code $RAGWELL_SHARED_DIR}, else {@code ../shared}.
 * {@code .ci/run} points the property at an empty place to rehearse a fresh clone.
 */
public final class SharedData {

	private SharedData() {
	}

	/** Where the shared folder is expected, whether or not it exists. */
	public static Path location() {
		String configured = System.getProperty("ragwell.shared.dir");
		if (configured == null || configured.isBlank()) {
			configured = System.getenv("RAGWELL_SHARED_DIR");
		}
		Path root = (configured != null && !configured.isBlank()) ? Path.of(configured) : Path.of("..", "shared");
		return root.toAbsolutePath().normalize();
	}

	/** The shared folder, or the test is skipped (failed under CI) when it is absent. */
	public static Path root() {
		return require(location());
	}

	/** A path below the shared folder, e.g. {@code contracts/openai/chat-completion.response.json}. */
	public static Path resolve(String relative) {
		return require(root().resolve(relative));
	}

	static boolean failWhenMissing() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	static String missingMessage(Path path) {
		return "needs the shared data folder, missing at " + path
				+ " (clone the project next to the 'shared' folder, or set RAGWELL_SHARED_DIR)";
	}

	private static Path require(Path path) {
		if (Files.exists(path)) {
			return path;
		}
		String message = missingMessage(path);
		if (failWhenMissing()) {
			throw new IllegalStateException(message + "; under CI=true this is a failure, not a skip");
		}
		Assumptions.abort("skipped: " + message);
		return path;
	}

}
