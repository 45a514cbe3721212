package io.ragwell.ops.logging;

import java.io.Console;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the console log format before logging starts. {@code logging.structured.format.console} is
 * {@code ${RAGWELL_LOG_FORMAT:auto}} in application.yml:
 * <ul>
 * <li>{@code auto} (the default): plain text lines when standard output is a terminal ({@code java -jar} or
 * {@code ./mvnw spring-boot:run} in a shell, where a newcomer reads them), ECS JSON otherwise (a pipe, a file, a
 * log shipper);</li>
 * <li>{@code text} or {@code plain}: plain text lines always;</li>
 * <li>anything else ({@code ecs}, {@code logstash}, {@code gelf}): that structured format always. The container
 * image sets {@code RAGWELL_LOG_FORMAT=ecs}, so it logs JSON even under {@code docker run -t}.</li>
 * </ul>
 * Runs after the configuration files are read (so a command-line or environment value has already won) and before
 * the logging system initialises.
 */
public class ConsoleLogFormat implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "logging.structured.format.console";

	static final String AUTO = "auto";

	/** The structured format off-terminal when the setting is {@code auto}. */
	static final String DEFAULT_STRUCTURED = "ecs";

	private final BooleanSupplier terminal;

	public ConsoleLogFormat() {
		this(ConsoleLogFormat::stdoutIsTerminal);
	}

	ConsoleLogFormat(BooleanSupplier terminal) {
		this.terminal = terminal;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(PROPERTY);
		String resolved = resolve(configured, this.terminal.getAsBoolean());
		if (configured != null && !resolved.equals(configured)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("ragwellConsoleLogFormat", Map.of(PROPERTY, resolved)));
		}
	}

	/**
	 * @param configured the configured value, or null
	 * @param terminal whether standard output is a terminal
	 * @return the value Spring Boot's logging understands: empty for plain text, else a structured format
	 */
	static String resolve(@Nullable String configured, boolean terminal) {
		String value = (configured != null) ? configured.strip().toLowerCase(Locale.ROOT) : "";
		return switch (value) {
			case AUTO -> terminal ? "" : DEFAULT_STRUCTURED;
			case "text", "plain" -> "";
			default -> (configured != null) ? configured.strip() : "";
		};
	}

	/** {@link Console#isTerminal()}: since JDK 22 {@code System.console()} exists even when redirected. */
	static boolean stdoutIsTerminal() {
		Console console = System.console();
		return console != null && console.isTerminal();
	}

	@Override
	public int getOrder() {
		// After the config data (application.yml, profiles) has been loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
