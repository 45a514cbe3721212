package io.ragwell.web.mcp;

import java.io.IOException;

import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /mcp} as a Spring MVC handler that hands the request to the SDK's servlet transport. Routing it through
 * the dispatcher rather than registering the transport as a servlet of its own puts it behind the same
 * {@link RequiredScope} check as every endpoint: the scope is read off this handler, so no spelling of the path
 * reaches the transport without a key. Read lets a key connect, list tools and read documents; each tool checks
 * its own scope again ({@code add_document} needs write).
 */
@RestController
class McpEndpoint {

	private final HttpServletStatelessServerTransport transport;

	McpEndpoint(HttpServletStatelessServerTransport transport) {
		this.transport = transport;
	}

	@RequiredScope(Scope.READ)
	@RequestMapping(path = McpConfiguration.ENDPOINT,
			method = { RequestMethod.GET, RequestMethod.POST, RequestMethod.DELETE })
	void handle(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
		this.transport.service(request, response);
	}

}
