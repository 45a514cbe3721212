package io.ragwell.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KillCycle} in the test command: at least 10 kill -9 cycles of the real service (more with
 * {@code RAGWELL_KILL_CYCLES}; seed {@code RAGWELL_KILL_SEED}, printed with the summary so a failure can be
 * replayed). {@code bench/kill-cycle 100} runs 100 outside the build.
 */
class KillCycleIT {

	@TempDir
	Path dir;

	@Test
	void acceptedJobsSurviveRepeatedKillsAndEveryDocumentEndsUpSearchableExactlyOnce() throws Exception {
		int cycles = Math.max(10, Integer.parseInt(System.getenv().getOrDefault("RAGWELL_KILL_CYCLES", "10")));
		String seed = System.getenv("RAGWELL_KILL_SEED");
		new KillCycle(this.dir).run(cycles, (seed != null) ? Long.parseLong(seed) : System.nanoTime());
	}

}
