package io.ragwell.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A small Node.js project under {@code src/test/node/<name>} (a committed {@code package.json} and
 * {@code package-lock.json}) that drives the running service with an official client library. {@code npm ci}
 * installs the locked dependencies when {@code node_modules} is missing. Without {@code node} or {@code npm} the
 * test is skipped with a message, except under {@code CI=true}, where {@code .ci/run} installs them and their
 * absence is a failure.
 */
public final class NodeProject {

	private final Path dir;

	private final Path node;

	private NodeProject(Path dir, Path node) {
		this.dir = dir;
		this.node = node;
	}

	/** The project, its dependencies installed; skips (fails under CI) without node and npm. */
	public static NodeProject of(String name) {
		Path node = binary("node");
		Path npm = binary("npm");
		Path dir = Path.of("src/test/node", name).toAbsolutePath();
		if (!Files.isDirectory(dir.resolve("node_modules"))) {
			Result install = run(dir, List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), Map.of(), 300);
			if (install.exit() != 0) {
				throw new IllegalStateException("npm ci in " + dir + " failed (" + install.exit() + "):\n"
						+ install.stdout() + install.stderr());
			}
		}
		return new NodeProject(dir, node);
	}

	/**
	 * Runs a script of the project and returns what it printed.
	 * @param script the script's file name
	 * @param env environment variables it reads
	 * @param timeoutSeconds the longest it may run
	 * @throws IllegalStateException when it fails, with its output
	 */
	public String run(String script, Map<String, String> env, int timeoutSeconds) {
		Result result = run(this.dir, List.of(this.node.toString(), script), env, timeoutSeconds);
		if (result.exit() != 0) {
			throw new IllegalStateException(
					"node " + script + " exited " + result.exit() + ":\n" + result.stderr() + result.stdout());
		}
		return result.stdout();
	}

	private record Result(int exit, String stdout, String stderr) {
	}

	private static Result run(Path dir, List<String> command, Map<String, String> env, int timeoutSeconds) {
		try {
			Path out = Files.createTempFile("ragwell-node-", ".out");
			Path err = Files.createTempFile("ragwell-node-", ".err");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
					.redirectOutput(out.toFile())
					.redirectError(err.toFile());
				builder.environment().putAll(env);
				Process process = builder.start();
				if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s:\n"
							+ Files.readString(err, StandardCharsets.UTF_8));
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
			throw new IllegalStateException(command + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path binary(String name) {
		for (String candidate : List.of("/usr/bin/" + name, "/usr/local/bin/" + name)) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		String message = "no " + name + " binary (apt-get install nodejs npm)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + "; .ci/run installs it, so under CI=true this is a failure");
		}
		Assumptions.abort(message);
		throw new AssertionError("unreachable");
	}

}
