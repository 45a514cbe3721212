package io.ragwell.ops.health;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class PortHealthConfigurationTests {

	@Test
	void upPortIsUpWithItsDetails() {
		Health health = PortHealthConfiguration
			.toHealth(() -> io.ragwell.core.Health.up(Map.of("chunks", 12L, "path", "/data/index")));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("chunks", 12L);
	}

	@Test
	void downPortIsDownWithItsReason() {
		Health health = PortHealthConfiguration.toHealth(() -> io.ragwell.core.Health.down("index writer closed"));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "index writer closed");
	}

	@Test
	void failingCheckIsDownWithoutItsMessage() {
		Health health = PortHealthConfiguration.toHealth(() -> {
			throw new IllegalStateException("connect to https://user:secret@db.internal failed");
		});
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "IllegalStateException");
		assertThat(health.getDetails().toString()).doesNotContain("secret");
	}

}
