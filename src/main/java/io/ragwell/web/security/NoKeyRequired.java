package io.ragwell.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller method anyone may call without a key: only for content that is the same for every caller and
 * tells nothing about the data (the playground's static page and its script and style). Read off the handler
 * like {@link RequiredScope}, so it opens exactly the methods that carry it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NoKeyRequired {

}
