package io.ragwell.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole application on a random port, its data (Lucene index, feedback log) in a temporary directory of its
 * own. Test classes with the same configuration (same {@link #properties()}, no {@code @DynamicPropertySource},
 * no {@code @Import} of their own) share one application context through Spring's context cache: it is started
 * once, and each class sees the documents the classes before it ingested. A class whose assertions need an index
 * and meters nobody else wrote to (absolute counts, filters that match documents without a field) sets
 * {@link #ownContext()}.
 * @see RagwellDataPaths
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(RagwellDataPaths.class)
public @interface RagwellIntegrationTest {

	/** Properties of the application under test, {@code key=value}, as {@link SpringBootTest#properties()}. */
	@AliasFor(annotation = SpringBootTest.class)
	String[] properties() default {};

	/** Whether this class needs a context no other class has used: its data and meters are its own. */
	boolean ownContext() default false;

}
