package io.ragwell.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Enables a {@link RequiresSharedData} test only when the shared folder (and the paths it names) exist; skips it
 * with one message otherwise, or fails it under {@code CI=true}, where the data must be present.
 */
final class SharedDataCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		List<String> required = new ArrayList<>();
		context.getElement()
			.flatMap((element) -> AnnotationSupport.findAnnotation(element, RequiresSharedData.class))
			.ifPresent((annotation) -> required.addAll(List.of(annotation.value())));
		Path root = SharedData.location();
		List<Path> missing = new ArrayList<>();
		if (!Files.isDirectory(root)) {
			missing.add(root);
		}
		else {
			for (String relative : required) {
				Path path = root.resolve(relative);
				if (!Files.exists(path)) {
					missing.add(path);
				}
			}
		}
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("shared data present at " + root);
		}
		String message = SharedData.missingMessage(missing.getFirst());
		if (SharedData.failWhenMissing()) {
			throw new IllegalStateException(message + "; under CI=true this is a failure, not a skip");
		}
		return ConditionEvaluationResult.disabled("skipped: " + message);
	}

}
