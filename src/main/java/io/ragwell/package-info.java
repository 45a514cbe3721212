/**
 * The application entry point ({@code RagwellApplication}): Spring Boot's main class, which also dispatches the
 * {@code eval} command, passing itself to it. It sits on top of everything and nothing may depend on it. This
 * package-info adds no {@code @NullMarked}: the root package was not null-marked before, and its nullness stays as
 * it was.
 */
package io.ragwell;
