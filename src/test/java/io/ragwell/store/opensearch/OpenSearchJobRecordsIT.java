package io.ragwell.store.opensearch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.ragwell.core.SharedJobRecords.Stored;
import io.ragwell.support.OpenSearchServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job records' bounds in a real OpenSearch: {@code max-retained} keeps the finished jobs that ended last
 * (never an unfinished one), and the {@code rag_jobs} gauge's count is per status across namespaces.
 */
class OpenSearchJobRecordsIT {

	private String index;

	private OpenSearchVectorStore store;

	private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(OpenSearchJobRecordsIT.this.now.get());
		}

	};

	@BeforeEach
	void open() {
		this.index = OpenSearchServer.uniqueIndex("ragwell-jobs-it");
		this.store = new OpenSearchVectorStore(new OpenSearchProperties(OpenSearchServer.url(), this.index, null, null,
				Duration.ofSeconds(30), Duration.ofMillis(500)), 4, 60);
	}

	@AfterEach
	void close() {
		OpenSearchServer.deleteIndex(this.index + "-jobs");
		OpenSearchServer.deleteIndex(this.index);
		this.store.close();
	}

	@Test
	void maxRetainedKeepsTheJobsThatEndedLastAndNeverAnUnfinishedOne() {
		OpenSearchJobRecords records = new OpenSearchJobRecords(this.store, this.clock);
		// Five jobs, created in one order and finished in another: retention follows the end, not the start.
		String[] finishOrder = { "job-c", "job-a", "job-e", "job-b", "job-d" };
		for (String id : new String[] { "job-a", "job-b", "job-c", "job-d", "job-e", "job-running" }) {
			this.now.addAndGet(1000);
			records.create(id, id.equals("job-e") ? "other-tenant" : "tenant", this.clock.instant(), "queued", "{}",
					Map.of("input", new byte[] { 1, 2, 3 }));
		}
		for (String id : finishOrder) {
			this.now.addAndGet(1000);
			Stored stored = records.find(id).orElseThrow();
			assertThat(records.replace(stored, "succeeded", "{}", null, 0, true)).isPresent();
		}
		// Counts and the retention query search, so they see what a refresh has made visible (within 1 s).
		OpenSearchServer.send("POST", "/" + this.index + "-jobs/_refresh", null);
		assertThat(records.count("succeeded")).isEqualTo(5);
		assertThat(records.count("queued")).isEqualTo(1);

		assertThat(records.deleteFinishedBeyond(2)).isEqualTo(3);

		assertThat(records.find("job-b")).isPresent();
		assertThat(records.find("job-d")).isPresent();
		assertThat(records.find("job-running")).isPresent();
		for (String gone : new String[] { "job-a", "job-c", "job-e" }) {
			assertThat(records.find(gone)).as(gone).isEmpty();
		}
		assertThat(records.count("succeeded")).isEqualTo(2);
		assertThat(records.deleteFinishedBeyond(2)).isZero();
		// The unfinished job's input is still there; a deleted job's went with it.
		assertThat(records.input("job-running", "input")).containsExactly(1, 2, 3);
	}

}
