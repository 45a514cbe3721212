/**
 * How the console log is written: readable lines for a person at a terminal, structured JSON (ECS by default)
 * everywhere else. Depends on Spring Boot only; registered in {@code META-INF/spring.factories} because it must run
 * before the logging system starts, long before any bean exists.
 */
@NullMarked
package io.ragwell.ops.logging;

import org.jspecify.annotations.NullMarked;
