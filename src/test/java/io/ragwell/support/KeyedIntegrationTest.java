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
 * only; namespace {@code alpha}); for the MCP client and the playground, in namespaces of their own:
 * {@link #MCP_READER} (read only; {@code mcp}), {@link #MCP_WRITER} (read, write; {@code mcp}), {@link #MCP_OTHER}
 * (read; {@code mcp-other}), {@link #PLAYGROUND} (read, write; {@code playground}).
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
		"ragwell.security.api-keys[2].namespace=alpha",
		"ragwell.security.api-keys[3].key=" + KeyedIntegrationTest.MCP_READER, "ragwell.security.api-keys[3].name=mcp-reader",
		"ragwell.security.api-keys[3].scopes=read", "ragwell.security.api-keys[3].namespace=mcp",
		"ragwell.security.api-keys[4].key=" + KeyedIntegrationTest.MCP_WRITER, "ragwell.security.api-keys[4].name=mcp-writer",
		"ragwell.security.api-keys[4].scopes=read,write", "ragwell.security.api-keys[4].namespace=mcp",
		"ragwell.security.api-keys[5].key=" + KeyedIntegrationTest.MCP_OTHER, "ragwell.security.api-keys[5].name=mcp-other",
		"ragwell.security.api-keys[5].scopes=read", "ragwell.security.api-keys[5].namespace=mcp-other",
		"ragwell.security.api-keys[6].key=" + KeyedIntegrationTest.PLAYGROUND, "ragwell.security.api-keys[6].name=playground",
		"ragwell.security.api-keys[6].scopes=read,write", "ragwell.security.api-keys[6].namespace=playground" })
public @interface KeyedIntegrationTest {

	String ALPHA = "alpha-key-0123456789abcdef";

	String BETA = "beta-key-0123456789abcdef";

	String WRITER = "writer-key-0123456789abcdef";

	String MCP_READER = "mcp-reader-key-0123456789";

	String MCP_WRITER = "mcp-writer-key-0123456789";

	String MCP_OTHER = "mcp-other-key-01234567890";

	String PLAYGROUND = "playground-key-0123456789";

}
