package io.ragwell.ops.logging;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLogFormatTests {

	@Test
	void autoIsPlainTextOnATerminalAndEcsJsonElsewhere() {
		assertThat(ConsoleLogFormat.resolve("auto", true)).isEmpty();
		assertThat(ConsoleLogFormat.resolve("auto", false)).isEqualTo("ecs");
	}

	@Test
	void anExplicitFormatWinsWhateverTheTerminal() {
		assertThat(ConsoleLogFormat.resolve("ecs", true)).isEqualTo("ecs");
		assertThat(ConsoleLogFormat.resolve("logstash", false)).isEqualTo("logstash");
		assertThat(ConsoleLogFormat.resolve("text", false)).isEmpty();
		assertThat(ConsoleLogFormat.resolve("PLAIN", false)).isEmpty();
		assertThat(ConsoleLogFormat.resolve("", false)).isEmpty();
	}

	@Test
	void rewritesTheResolvedSettingAheadOfEveryOtherSource() {
		StandardEnvironment terminal = environment("auto");
		new ConsoleLogFormat(() -> true).postProcessEnvironment(terminal, new SpringApplication());
		StandardEnvironment pipe = environment("auto");
		new ConsoleLogFormat(() -> false).postProcessEnvironment(pipe, new SpringApplication());
		StandardEnvironment container = environment("ecs");
		new ConsoleLogFormat(() -> true).postProcessEnvironment(container, new SpringApplication());

		assertThat(terminal.getProperty(ConsoleLogFormat.PROPERTY)).isEmpty();
		assertThat(pipe.getProperty(ConsoleLogFormat.PROPERTY)).isEqualTo("ecs");
		assertThat(container.getProperty(ConsoleLogFormat.PROPERTY)).isEqualTo("ecs");
	}

	private static StandardEnvironment environment(String format) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml", Map.of(ConsoleLogFormat.PROPERTY, format)));
		return environment;
	}

}
