package io.ragwell.tuning;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.Embedder;
import io.ragwell.core.NotFoundException;
import io.ragwell.core.SettingsStore;
import io.ragwell.core.VectorStore;
import io.ragwell.feedback.FeedbackLog;
import io.ragwell.feedback.JudgmentService;
import io.ragwell.feedback.QueryLogFile;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.TunedSettings;
import io.ragwell.query.retrieve.HybridRetriever;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class TuningServiceTests {

	@TempDir
	Path dir;

	@Test
	void oneRunPerNamespaceAtATimeWhileOtherNamespacesGoOn() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		SettingsStore store = new SettingsStore() {

			@Override
			public Optional<String> read(String namespace, String name) {
				if ("busy".equals(namespace)) {
					entered.countDown();
					try {
						release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return Optional.empty();
			}

			@Override
			public void write(String namespace, String name, String json) {
			}

		};
		QueryProperties query = new QueryProperties(5, 100, 60, 2000, "sparse", "weighted", 0.5, null, null, "none", 3);
		try (FeedbackLog feedback = new FeedbackLog(this.dir.resolve("feedback.jsonl"), 1 << 20, 2);
				QueryLogFile queries = new QueryLogFile(this.dir.resolve("queries"), 1 << 20, 2, 100, Duration.ZERO,
						true, new SimpleMeterRegistry())) {
			TuningService tuning = new TuningService(new JudgmentService(feedback, queries),
					new TunedSettings(store, Duration.ofSeconds(5)),
					new HybridRetriever(mock(VectorStore.class), query), mock(Embedder.class), query,
					new TuningProperties(30, 10, 0.3, 0.01, 500, 50_000, Duration.ofSeconds(5)), Clock.systemUTC());

			CompletableFuture<TuningReport> first = CompletableFuture.supplyAsync(() -> tuning.tune("busy", false));
			assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(TuningInProgressException.class).isThrownBy(() -> tuning.tune("busy", false));
			assertThatExceptionOfType(TuningInProgressException.class).isThrownBy(() -> tuning.revert("busy"));
			assertThat(tuning.tune("calm", false).status()).isEqualTo("kept");
			release.countDown();

			TuningReport report = first.get(30, TimeUnit.SECONDS);
			assertThat(report.status()).isEqualTo("kept");
			assertThat(report.reason()).contains("not enough judgments").contains("at least 30");
			assertThat(report.current().settings().mode().name()).isEqualTo("SPARSE");
			// The run is over: the namespace is free again, and there is nothing tuned to revert.
			assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> tuning.revert("busy"));
		}
	}

}
