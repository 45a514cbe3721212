package io.ragwell.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ragwell.llm.openai.OpenAiContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@link RequiresSharedData} true: every test that reads {@code ../shared} (through {@link SharedData},
 * {@link SciFact}, {@link OpenAiContract} or another marked class) is marked itself, on the class or on the
 * method that reads. An unmarked reader would build half a fixture on a fresh clone and fail in its teardown.
 */
class SharedDataUsageTests {

	private static final Set<String> READERS = Set.of(SharedData.class.getName(), SciFact.class.getName(),
			OpenAiContract.class.getName(), SharedDataCondition.class.getName());

	@Test
	void everyTestThatReadsTheSharedFolderIsMarked() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.importPackages("io.ragwell");
		Set<String> checked = new TreeSet<>();
		List<String> unmarked = new ArrayList<>();
		for (JavaClass type : classes) {
			if (READERS.contains(topLevel(type).getName())) {
				continue;
			}
			for (JavaAccess<?> access : type.getAccessesFromSelf()) {
				JavaClass target = access.getTargetOwner();
				if (!readsSharedData(target) || topLevel(target).equals(topLevel(type))) {
					continue;
				}
				checked.add(topLevel(type).getSimpleName());
				if (!marked(type, access.getOrigin())) {
					unmarked.add(access.getOrigin().getFullName() + " reads " + target.getSimpleName());
				}
			}
		}
		assertThat(unmarked).as("readers of ../shared without @RequiresSharedData").isEmpty();
		// Not vacuous: the readers known when this test was written are found.
		assertThat(checked).contains("WeaviateVectorStoreTests", "PineconeVectorStoreTests", "OpenAiLlmClientTests",
				"TokenAwareChunkerTests", "EvalCommandIT");
	}

	private static boolean readsSharedData(JavaClass target) {
		JavaClass top = topLevel(target);
		return READERS.contains(top.getName()) || top.isAnnotatedWith(RequiresSharedData.class);
	}

	private static boolean marked(JavaClass type, JavaCodeUnit origin) {
		if (topLevel(type).isAnnotatedWith(RequiresSharedData.class) || type.isAnnotatedWith(RequiresSharedData.class)) {
			return true;
		}
		// A lambda compiles to lambda$<method>$<n>: it counts as part of the method that declares it.
		String name = origin.getName();
		String declaring = name.startsWith("lambda$") ? name.split("\\$")[1] : name;
		return type.getMethods()
			.stream()
			.anyMatch((method) -> method.getName().equals(declaring) && method.isAnnotatedWith(RequiresSharedData.class));
	}

	private static JavaClass topLevel(JavaClass type) {
		JavaClass current = type;
		while (current.getEnclosingClass().isPresent()) {
			current = current.getEnclosingClass().get();
		}
		return current;
	}

}
