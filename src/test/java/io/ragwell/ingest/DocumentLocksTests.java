package io.ragwell.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentLocksTests {

	private final DocumentLocks locks = new DocumentLocks();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void batchesOfDifferentDocumentsDoNotWaitForEachOther() throws Exception {
		try (DocumentLocks.Held first = this.locks.lockAll("ns", List.of("a", "b", "c"))) {
			CountDownLatch acquired = new CountDownLatch(1);
			this.threads.submit(() -> {
				try (DocumentLocks.Held second = this.locks.lockAll("ns", List.of("d", "e", "f"))) {
					acquired.countDown();
				}
			});
			// With 64 hash stripes this batch would almost surely have collided with the first one.
			assertThat(acquired.await(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void theSameIdInAnotherNamespaceIsAnotherDocument() throws Exception {
		try (DocumentLocks.Held first = this.locks.lockAll("tenant-a", List.of("doc"))) {
			CountDownLatch acquired = new CountDownLatch(1);
			this.threads.submit(() -> {
				try (DocumentLocks.Held second = this.locks.lockAll("tenant-b", List.of("doc"))) {
					acquired.countDown();
				}
			});
			assertThat(acquired.await(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aBatchSharingOneDocumentWaitsUntilTheHolderReleases() throws Exception {
		CountDownLatch acquired = new CountDownLatch(1);
		Future<?> waiter;
		try (DocumentLocks.Held first = this.locks.lockAll("ns", List.of("a", "b"))) {
			waiter = this.threads.submit(() -> {
				try (DocumentLocks.Held second = this.locks.lockAll("ns", List.of("b", "c"))) {
					acquired.countDown();
				}
			});
			assertThat(acquired.await(300, TimeUnit.MILLISECONDS)).isFalse();
		}
		assertThat(acquired.await(30, TimeUnit.SECONDS)).isTrue();
		waiter.get(30, TimeUnit.SECONDS);
	}

	@Test
	void overlappingBatchesInOppositeOrdersNeitherDeadlockNorLeakLocks() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			List<String> ids = (w % 2 == 0) ? List.of("x", "y", "z") : List.of("z", "y", "x");
			workers.add(this.threads.submit(() -> {
				for (int i = 0; i < 2_000; i++) {
					try (DocumentLocks.Held held = this.locks.lockAll("ns", ids)) {
						if (inside.incrementAndGet() > 1) {
							overlaps.incrementAndGet();
						}
						inside.decrementAndGet();
					}
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(60, TimeUnit.SECONDS);
		}
		assertThat(overlaps).hasValue(0);
		assertThat(this.locks.size()).isZero();
	}

	@Test
	void aRepeatedIdInOneBatchIsLockedOnce() {
		try (DocumentLocks.Held held = this.locks.lockAll("ns", List.of("a", "a"))) {
			assertThat(this.locks.size()).isEqualTo(1);
		}
		assertThat(this.locks.size()).isZero();
	}

}
