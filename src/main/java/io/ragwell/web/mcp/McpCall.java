package io.ragwell.web.mcp;

import java.util.HashMap;
import java.util.Map;

import io.modelcontextprotocol.common.McpTransportContext;
import io.ragwell.core.Document;
import io.ragwell.web.security.AuthenticationException;
import io.ragwell.web.security.Caller;
import io.ragwell.web.security.Namespaces;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sent an MCP message and in which tenant namespace, taken from the HTTP request the message came in (the
 * API-key filter put both there) and carried to the tool handlers in the SDK's transport context. Each HTTP
 * request is authenticated on its own: the transport is stateless, so no session outlives the request that made
 * it, and a key sees only what it may on every call.
 *
 * @param caller the authenticated caller
 * @param namespace the caller's tenant namespace
 */
record McpCall(Caller caller, String namespace) {

	private static final String KEY = McpCall.class.getName();

	/** The SDK's context extractor: runs on the request thread, before the message is handled. */
	static McpTransportContext extract(HttpServletRequest request) {
		Map<String, Object> context = new HashMap<>();
		Caller caller = Caller.of(request);
		if (caller != null) {
			Object namespace = request.getAttribute(Namespaces.ATTRIBUTE);
			context.put(KEY, new McpCall(caller,
					(namespace instanceof String name) ? name : Document.DEFAULT_NAMESPACE));
		}
		return McpTransportContext.create(context);
	}

	/**
	 * @throws AuthenticationException when the message came without a caller (the endpoint's scope check makes
	 * that impossible; this keeps a handler safe if the endpoint is ever opened)
	 */
	static McpCall of(McpTransportContext context) {
		if (context.get(KEY) instanceof McpCall call) {
			return call;
		}
		throw new AuthenticationException("an API key is required: send 'Authorization: Bearer <key>'");
	}

}
