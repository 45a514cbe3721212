package io.ragwell.eval;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EvalCommandOptionsTests {

	@Test
	void listsAreWrittenBesideTheSweep() {
		EvalCommand.Options options = EvalCommand.Options
			.parse(new String[] { "--dataset", "d", "--sweep", "--lists", "--out", "r.json" });

		assertThat(options.lists()).isTrue();
		assertThat(options.sweep()).isTrue();
		assertThat(options.out()).isEqualTo(Path.of("r.json"));
		assertThat(EvalCommand.Options.parse(new String[] { "--dataset", "d" }).lists()).isFalse();
	}

	@Test
	void listsWithoutTheSweepOrAReportFileAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EvalCommand.Options.parse(new String[] { "--dataset", "d", "--lists", "--out", "r.json" }))
			.withMessageContaining("--lists needs --sweep and --out");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EvalCommand.Options.parse(new String[] { "--dataset", "d", "--sweep", "--lists" }))
			.withMessageContaining("--lists needs --sweep and --out");
	}

	@Test
	void theSweepTableShowsEachSettingsPairedDifference() {
		String table = EvalCommand.sweepTable(java.util.List.of(new FusionSweep.Point("relative-score", 0.6, 200,
				"chunk", "z-score", 0.77, 0.88, 0.97, 0.74, 0.0052, 0.0025, 40, 35)));

		assertThat(table).contains("z-score").contains("+0.0052 ± 0.0025").contains("40/35");
	}

}
