package io.ragwell.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The application with API keys, shared by the classes that drive it as a client would (the streaming and
 * OpenAI-compatible endpoints, the official clients): one context for all of them. Keys: {@link #ALPHA} (read,
 * write; namespace {@code alpha}), {@link #BETA} (read, write; namespace {@code beta}), {@link #WRITER} (write
 * only; namespace {@code alpha}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@RagwellIntegrationTest(properties = { "ragwell.security.api-keys[0].key=" + KeyedIntegrationTest.ALPHA,
		"ragwell.security.api-keys[0].name=alpha", "ragwell.security.api-keys[0].scopes=read,write",
		"ragwell.security.api-keys[0].namespace=alpha", "ragwell.security.api-keys[1].key=" + KeyedIntegrationTest.BETA,
		"ragwell.security.api-keys[1].name=beta", "ragwell.security.api-keys[1].scopes=read,write",
		"ragwell.security.api-keys[1].namespace=beta", "ragwell.security.api-keys[2].key=" + KeyedIntegrationTest.WRITER,
		"ragwell.security.api-keys[2].name=writer", "ragwell.security.api-keys[2].scopes=write",
		"ragwell.security.api-keys[2].namespace=alpha" })
public @interface KeyedIntegrationTest {

	String ALPHA = "alpha-key-0123456789abcdef";

	String BETA = "beta-key-0123456789abcdef";

	String WRITER = "writer-key-0123456789abcdef";

}
