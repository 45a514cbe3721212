package io.ragwell.web.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.ragwell.ingest.IngestService;
import io.ragwell.query.RagService;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.web.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP server: the SDK's stateless servlet transport (every POST carries one JSON-RPC message and gets its
 * answer as JSON; GET, the server-to-client stream, answers 405). Stateless because Ragwell keeps no state
 * besides its store: any replica answers any call, and there is no session table for a client to fill.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class McpConfiguration {

	static final String ENDPOINT = "/mcp";

	@Bean
	HttpServletStatelessServerTransport mcpTransport(LimitsProperties limits) {
		return HttpServletStatelessServerTransport.builder()
			.messageEndpoint(ENDPOINT)
			// The MCP wire format is the SDK's own (camelCase members): its default mapper, not the application's
			// snake_case one.
			.jsonMapper(McpJsonDefaults.getMapper())
			.contextExtractor(McpCall::extract)
			// No browser origin is allowed (the spec's guard against DNS rebinding); MCP clients send none.
			.securityValidator(DefaultServerTransportSecurityValidator.builder().build())
			.maxRequestSize((int) Math.min(Integer.MAX_VALUE, limits.maxRequestSize().toBytes()))
			.build();
	}

	@Bean
	McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, RagService rag,
			IngestService ingest, Problems problems, JsonMapper json) {
		RagwellMcpTools tools = new RagwellMcpTools(rag, ingest, problems, json);
		return McpServer.sync(transport)
			.serverInfo("ragwell", version())
			.instructions("Ragwell searches and answers from the documents of your API key's namespace: 'search' "
					+ "returns ranked chunks, 'ask' an answer with [n] citations into its sources, 'add_document' "
					+ "adds text (write scope). Documents are resources at ragwell://documents/{id}.")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
			// The tools validate their arguments as the REST API does (same messages), not by JSON Schema.
			.validateToolInputs(false)
			// The servlet transport blocks its request thread anyway: run handlers on it, not on Reactor's pool.
			.immediateExecution(true)
			.tools(tools.tools())
			.resourceTemplates(tools.documents())
			.build();
	}

	private static String version() {
		String version = McpConfiguration.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

}
