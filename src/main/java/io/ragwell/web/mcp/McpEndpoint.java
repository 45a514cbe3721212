package io.ragwell.web.mcp;

import java.io.IOException;

import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code /mcp} as a Spring MVC handler that hands the request to the SDK's servlet transport. Routing it through
 * the dispatcher rather than registering the transport as a servlet of its own puts it behind the same
 * {@link RequiredScope} check as every endpoint: the scope is read off this handler, so no spelling of the path
 * reaches the transport without a key. Read lets a key connect, list tools and read documents; each tool checks
 * its own scope again ({@code add_document} needs write).
 */
@RestController
// Like its transport (McpConfiguration): without a servlet web server (the eval command) there is nothing to serve.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class McpEndpoint {

	private final HttpServletStatelessServerTransport transport;

	private final JsonMapper json;

	McpEndpoint(HttpServletStatelessServerTransport transport, JsonMapper json) {
		this.transport = transport;
		this.json = json;
	}

	@RequiredScope(Scope.READ)
	@RequestMapping(path = McpConfiguration.ENDPOINT,
			method = { RequestMethod.GET, RequestMethod.POST, RequestMethod.DELETE })
	void handle(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		this.transport.service(request, buffered);
		if (buffered.getStatus() >= 400) {
			byte[] safe = jsonRpcError(buffered.getContentAsByteArray());
			buffered.resetBuffer();
			buffered.setContentType(MediaType.APPLICATION_JSON_VALUE);
			buffered.getOutputStream().write(safe);
		}
		buffered.copyBodyToResponse();
	}

	/**
	 * The SDK's transport answers a malformed message by serialising its {@code McpError} exception whole: stack
	 * trace, class names and line numbers. A caller learns nothing from those but the server's internals, so the
	 * error becomes the JSON-RPC error object the protocol defines, keeping only its code and message.
	 */
	private byte[] jsonRpcError(byte[] body) {
		int code = -32603;
		String message = "Internal error";
		try {
			JsonNode node = this.json.readTree(body);
			JsonNode error = node.has("jsonRpcError") ? node.get("jsonRpcError") : node.path("error");
			if (error.path("code").isInt()) {
				code = error.get("code").asInt();
				message = error.path("message").asString(message);
			}
		}
		catch (JacksonException ex) {
			// Not JSON (or empty): the generic error stands.
		}
		ObjectNode reply = this.json.createObjectNode();
		reply.put("jsonrpc", "2.0");
		reply.putNull("id");
		ObjectNode error = reply.putObject("error");
		error.put("code", code);
		error.put("message", message);
		return this.json.writeValueAsBytes(reply);
	}

}
