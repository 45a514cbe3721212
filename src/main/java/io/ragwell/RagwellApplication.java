package io.ragwell;

import java.util.Arrays;
import java.util.OptionalInt;

import io.ragwell.eval.EvalCommand;
import io.ragwell.ingest.folder.ImportCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RagwellApplication {

	public static void main(String[] args) {
		OptionalInt exitCode = runCommand(args);
		if (exitCode.isPresent()) {
			System.exit(exitCode.getAsInt());
		}
		SpringApplication.run(RagwellApplication.class, args);
	}

	/**
	 * Runs the command-line command named by the first argument ({@code eval}, {@code import}), if any. Neither
	 * starts the web server; {@code import} starts no Spring context at all (it is an HTTP client).
	 * @param args the process arguments
	 * @return the command's exit code, or empty when the arguments name no command and the service should start
	 */
	public static OptionalInt runCommand(String[] args) {
		if (args.length > 0 && EvalCommand.NAME.equals(args[0])) {
			return OptionalInt.of(EvalCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out,
					RagwellApplication.class));
		}
		if (args.length > 0 && ImportCommand.NAME.equals(args[0])) {
			return OptionalInt.of(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		return OptionalInt.empty();
	}

}
