package io.ragwell.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points {@code ragwell.store.lucene.path}, {@code ragwell.feedback.path}, {@code ragwell.assets.path},
 * {@code ragwell.query-log.path} and {@code ragwell.jobs.path} of each application context a
 * {@link RagwellIntegrationTest} starts at a fresh directory under one temporary directory per test JVM. The
 * customizer is equal for every class (it is part of the context cache key), so unlike a
 * {@code @DynamicPropertySource} per class it lets classes with the same configuration share a context; with
 * {@link RagwellIntegrationTest#ownContext()} it is equal only for its own class. Each context still gets its
 * own directory: contexts stay open in the cache, and two Lucene writers cannot share an index.
 */
public final class RagwellDataPaths implements ContextCustomizerFactory {

	private static @Nullable Path root;

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		RagwellIntegrationTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				RagwellIntegrationTest.class);
		if (test == null) {
			return null;
		}
		return new DataPaths(test.ownContext() ? testClass : null);
	}

	private static synchronized Path newDirectory() {
		try {
			if (root == null) {
				root = Files.createTempDirectory("ragwell-it");
			}
			return Files.createTempDirectory(root, "context");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Equal for all classes sharing contexts; {@code owner} is the class of an {@code ownContext} one. */
	private record DataPaths(@Nullable Class<?> owner) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Path dir = newDirectory();
			TestPropertyValues
				.of("ragwell.store.lucene.path=" + dir.resolve("index"),
						"ragwell.feedback.path=" + dir.resolve("feedback").resolve("feedback.jsonl"),
						"ragwell.assets.path=" + dir.resolve("assets"), "ragwell.jobs.path=" + dir.resolve("jobs"),
						"ragwell.query-log.path=" + dir.resolve("query-log"))
				.applyTo(context);
		}

	}

}
