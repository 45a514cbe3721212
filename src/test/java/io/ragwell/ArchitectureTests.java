package io.ragwell;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import io.ragwell.core.Remote;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of docs/ARCHITECTURE.md ("Target layering"), checked on the main classes:
 * {@code core ← rank ← remote ← adapters ← pipelines ← eval, feedback ← web, ops}, each layer importing only
 * layers to its left, web and ops not importing each other. Layers are package patterns, so a class is placed by
 * where it lives ({@code remote} is the one HTTP helper every remote adapter uses), with one rule that places
 * code by what it is rather than by its package: the HTTP rerankers are adapters although they live in
 * {@code query.rerank}, namely every class there that implements {@link Remote} (and its nested classes). The rest
 * of {@code query.rerank} (MMR, none, the configuration that picks one) is pipeline.
 * Plain JUnit tests over {@link ClassFileImporter} rather than ArchUnit's JUnit engine, which need not run on
 * the JUnit version of this build.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.ragwell");

	private static final DescribedPredicate<JavaClass> REMOTE = resideInAnyPackage("io.ragwell.remote..")
		.as("remote");

	private static final DescribedPredicate<JavaClass> HTTP_RERANKERS = DescribedPredicate
		.describe("HTTP rerankers in query.rerank", ArchitectureTests::isHttpReranker);

	private static final DescribedPredicate<JavaClass> ADAPTERS = resideInAnyPackage("io.ragwell.embed..",
			"io.ragwell.store..", "io.ragwell.llm..", "io.ragwell.parse..")
		.and(DescribedPredicate.not(REMOTE))
		.or(HTTP_RERANKERS)
		.as("adapters");

	private static final DescribedPredicate<JavaClass> PIPELINES = resideInAnyPackage("io.ragwell.ingest..",
			"io.ragwell.query..")
		.and(DescribedPredicate.not(HTTP_RERANKERS))
		.as("pipelines");

	@Test
	void layersImportOnlyLayersBelowThem() {
		layers().check(CLASSES);
	}

	@Test
	void topLevelPackagesHaveNoCycles() {
		slices().matching("io.ragwell.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	/**
	 * Every package is a slice of its own, subpackages included ({@code query} and {@code query.cache} are two):
	 * a shared type lives in the lower package, so a subpackage never needs its parent and its parent back.
	 */
	@Test
	void packagesAtEveryDepthHaveNoCycles() {
		slices().matching("io.ragwell.(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void adaptersNeverImportPipelines() {
		noClasses().that(ADAPTERS).should().dependOnClassesThat(PIPELINES).check(CLASSES);
	}

	@Test
	void coreImportsNoOtherRagwellPackageAndNoSpring() {
		classes().that()
			.resideInAPackage("io.ragwell.core..")
			.should()
			.onlyDependOnClassesThat(resideInAnyPackage("io.ragwell.core..", "java..", "org.jspecify.."))
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("io.ragwell.core..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.springframework..")
				.or(resideInAPackage("io.ragwell..").and(DescribedPredicate.not(resideInAPackage("io.ragwell.core..")))))
			.check(CLASSES);
	}

	static LayeredArchitecture layers() {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Core").definedBy("io.ragwell.core..")
			.layer("Rank").definedBy("io.ragwell.rank..")
			.layer("Remote").definedBy(REMOTE)
			.layer("Adapters").definedBy(ADAPTERS)
			.layer("Pipelines").definedBy(PIPELINES)
			.layer("EvalFeedback").definedBy("io.ragwell.eval..", "io.ragwell.feedback..", "io.ragwell.tuning..")
			.layer("Web").definedBy("io.ragwell.web..")
			.layer("Ops").definedBy("io.ragwell.ops..")
			.layer("App").definedBy("io.ragwell")
			.whereLayer("Core").mayNotAccessAnyLayer()
			.whereLayer("Rank").mayOnlyAccessLayers("Core")
			.whereLayer("Remote").mayOnlyAccessLayers("Core", "Rank")
			.whereLayer("Adapters").mayOnlyAccessLayers("Core", "Rank", "Remote")
			.whereLayer("Pipelines").mayOnlyAccessLayers("Core", "Rank", "Remote", "Adapters")
			.whereLayer("EvalFeedback").mayOnlyAccessLayers("Core", "Rank", "Remote", "Adapters", "Pipelines")
			.whereLayer("Web")
			.mayOnlyAccessLayers("Core", "Rank", "Remote", "Adapters", "Pipelines", "EvalFeedback")
			.whereLayer("Ops")
			.mayOnlyAccessLayers("Core", "Rank", "Remote", "Adapters", "Pipelines", "EvalFeedback")
			.whereLayer("Web").mayOnlyBeAccessedByLayers("App")
			.whereLayer("Ops").mayOnlyBeAccessedByLayers("App");
	}

	private static boolean isHttpReranker(JavaClass javaClass) {
		JavaClass outer = javaClass;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer.getPackageName().equals("io.ragwell.query.rerank") && outer.isAssignableTo(Remote.class);
	}

}
