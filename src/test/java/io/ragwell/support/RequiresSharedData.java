package io.ragwell.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that reads {@code ../shared} (datasets, API contracts). The condition is
 * evaluated before any lifecycle method runs, so a fresh clone without the folder skips the test whole —
 * {@code @BeforeEach} never builds half a fixture that {@code @AfterEach} then trips over. Under
 * {@code CI=true} a missing folder fails instead of skipping.
 *
 * <p>{@code SharedDataUsageTests} keeps every reader of the shared folder marked.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SharedDataCondition.class)
public @interface RequiresSharedData {

	/** Paths below the shared folder that must exist, e.g. {@code contracts/weaviate/openapi.json}. */
	String[] value() default {};

}
