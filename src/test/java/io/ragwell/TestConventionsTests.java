package io.ragwell;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the test classes are named, checked on the compiled tests: surefire runs {@code *Tests} (unit tests: no
 * server, no socket the test did not open itself), failsafe runs {@code *IT} (a started application on a port, a
 * real OpenSearch or Prometheus, a packaged jar). A class named otherwise would run under surefire's default
 * includes or not at all, and an application started on a port would slow down the unit test phase.
 */
class TestConventionsTests {

	private static final JavaClasses TESTS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
		.importPackages("io.ragwell");

	private static final List<Class<? extends java.lang.annotation.Annotation>> TEST_ANNOTATIONS = List
		.of(Test.class, TestTemplate.class, TestFactory.class);

	private static final DescribedPredicate<JavaClass> DECLARE_TEST_METHODS = DescribedPredicate.describe(
			"declare test methods",
			(type) -> type.getMethods().stream().anyMatch(TestConventionsTests::isTestMethod));

	private static final DescribedPredicate<JavaClass> START_THE_APPLICATION_ON_A_PORT = DescribedPredicate
		.describe("start the application on a port (@SpringBootTest RANDOM_PORT or DEFINED_PORT)",
				TestConventionsTests::startsTheApplicationOnAPort);

	@Test
	void testMethodsLiveInClassesNamedTestsOrIT() {
		classes().that(DECLARE_TEST_METHODS)
			.should(beInATopLevelClassNamed("Tests", "IT"))
			.check(TESTS);
	}

	@Test
	void testsThatStartTheApplicationOnAPortAreIntegrationTests() {
		classes().that(START_THE_APPLICATION_ON_A_PORT).should(beInATopLevelClassNamed("IT")).check(TESTS);
	}

	@Test
	void rulesAreNotVacuous() {
		assertThat(TESTS.that(DECLARE_TEST_METHODS)).hasSizeGreaterThan(50);
		assertThat(TESTS.that(START_THE_APPLICATION_ON_A_PORT)).hasSizeGreaterThan(10);
	}

	private static boolean isTestMethod(CanBeAnnotated method) {
		return TEST_ANNOTATIONS.stream()
			.anyMatch((annotation) -> method.isAnnotatedWith(annotation) || method.isMetaAnnotatedWith(annotation));
	}

	private static boolean startsTheApplicationOnAPort(JavaClass type) {
		if (type.isAnnotation()) {
			return false; // @RagwellIntegrationTest itself
		}
		if (!type.isAnnotatedWith(SpringBootTest.class) && !type.isMetaAnnotatedWith(SpringBootTest.class)) {
			return false;
		}
		MergedAnnotation<SpringBootTest> bootTest = MergedAnnotations
			.from(type.reflect(), SearchStrategy.TYPE_HIERARCHY)
			.get(SpringBootTest.class);
		WebEnvironment environment = bootTest.getEnum("webEnvironment", WebEnvironment.class);
		return environment == WebEnvironment.RANDOM_PORT || environment == WebEnvironment.DEFINED_PORT;
	}

	private static ArchCondition<JavaClass> beInATopLevelClassNamed(String... suffixes) {
		String described = String.join(" or ", List.of(suffixes).stream().map((suffix) -> "*" + suffix).toList());
		return new ArchCondition<>("be (or be nested in) a class named " + described) {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				JavaClass top = type;
				while (top.getEnclosingClass().isPresent()) {
					top = top.getEnclosingClass().get();
				}
				String name = top.getSimpleName();
				boolean named = List.of(suffixes).stream().anyMatch(name::endsWith);
				events.add(new SimpleConditionEvent(type, named,
						type.getName() + (named ? " is" : " is not") + " in a class named " + described));
			}

		};
	}

}
