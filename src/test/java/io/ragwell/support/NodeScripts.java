package io.ragwell.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Node.js test clients under {@code src/test/node} (official SDKs driving the running service). Node
 * and npm come from the machine (Debian's {@code nodejs} and {@code npm}); without them a test is skipped with a
 * message, except under {@code CI=true}, where {@code .ci/run} installs them and their absence is a failure. A
 * client's {@code node_modules} is installed with {@code npm ci} from its committed lockfile when missing.
 */
public final class NodeScripts {

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

	private NodeScripts() {
	}

	/**
	 * The client folder {@code src/test/node/<name>}, its dependencies installed; skips (or, under CI, fails) the
	 * calling test when node or npm is missing.
	 */
	public static Path client(String name) {
		Path dir = Path.of("src", "test", "node", name).toAbsolutePath();
		if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
			throw new IllegalStateException("no Node client at " + dir);
		}
		require("node");
		require("npm");
		if (!Files.isDirectory(dir.resolve("node_modules"))) {
			// --prefer-offline: the npm cache answers when it can, so a warm machine needs no network.
			Result install = run(dir, List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), Map.of(),
					INSTALL_TIMEOUT);
			if (install.exitCode() != 0) {
				throw new IllegalStateException("npm ci failed in " + dir + ":\n" + install.output());
			}
		}
		return dir;
	}

	/**
	 * @param exitCode the process's exit code
	 * @param stdout what it wrote to standard output
	 * @param output standard error, for failure messages
	 */
	public record Result(int exitCode, String stdout, String output) {
	}

	/** Runs {@code command} in {@code dir} with {@code env} added, killing it after {@code timeout}. */
	public static Result run(Path dir, List<String> command, Map<String, String> env, Duration timeout) {
		try {
			Path out = Files.createTempFile("ragwell-node-", ".out");
			Path err = Files.createTempFile("ragwell-node-", ".err");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
					.redirectOutput(out.toFile())
					.redirectError(err.toFile());
				builder.environment().putAll(env);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
							+ ":\n" + Files.readString(err, StandardCharsets.UTF_8));
				}
				return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
						Files.readString(err, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void require(String binary) {
		try {
			Process process = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
				return;
			}
		}
		catch (IOException ex) {
			// Not installed: below.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		String message = "no " + binary + " on the PATH (apt-get install nodejs npm)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + "; .ci/run installs it, so under CI=true this is a failure");
		}
		Assumptions.abort(message);
	}

}
