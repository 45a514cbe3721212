package io.ragwell.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.ragwell.web.security.SecurityProperties.Scope;

/**
 * The scope a key needs to reach a controller method (or every method of a controller class). Read from the
 * handler Spring MVC actually chose, so no spelling of a path can reach a method with less than this scope. A
 * controller method without it is refused to every key: a new endpoint is closed until it says who may call it.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiredScope {

	Scope value();

}
