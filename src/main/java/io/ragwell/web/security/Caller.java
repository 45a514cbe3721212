package io.ragwell.web.security;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, once the API-key filter has authenticated them. Absent from an anonymous request.
 * Handlers that serve several operations on one route (the MCP endpoint: one POST, many tools) read it with
 * {@link #of} and check each operation's scope with {@link #require}, the same check {@link ScopeInterceptor}
 * makes per handler.
 *
 * @param name the key's name, never the key
 * @param scopes what the caller may do
 */
public record Caller(String name, Set<Scope> scopes) {

	static final String ATTRIBUTE = Caller.class.getName();

	/** Every caller of a service without keys: it runs open, so everything is allowed, as before keys existed. */
	static final Caller OPEN = new Caller("open", EnumSet.allOf(Scope.class));

	public Caller {
		scopes = Set.copyOf(scopes);
	}

	/** The caller the API-key filter recorded on this request; {@code null} when it came without a key. */
	public static @Nullable Caller of(ServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof Caller caller) ? caller : null;
	}

	/**
	 * Refuses an operation this caller may not run, with the message the interceptor gives for an endpoint.
	 * @param scope the scope the operation needs
	 * @param operation names the operation in the message, e.g. {@code "the MCP tool 'add_document'"}
	 * @throws AccessDeniedException when the caller lacks the scope
	 */
	public void require(Scope scope, String operation) {
		if (!this.scopes.contains(scope)) {
			throw new AccessDeniedException("this key lacks the '" + scope.name().toLowerCase(Locale.ROOT)
					+ "' scope needed for " + operation);
		}
	}

	/**
	 * Records the caller on the request (for the scope check), and returns the request as the rest of the
	 * application sees it: the caller is its principal and each scope a role, so
	 * Boot's {@code show-details: when-authorized} with {@code roles: admin} shows health details to admin keys.
	 */
	HttpServletRequest wrap(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
		Principal principal = this::name;
		return new HttpServletRequestWrapper(request) {

			@Override
			public Principal getUserPrincipal() {
				return principal;
			}

			@Override
			public String getRemoteUser() {
				return name();
			}

			@Override
			public boolean isUserInRole(String role) {
				return scopes().stream().anyMatch(scope -> scope.name().equalsIgnoreCase(role));
			}

		};
	}

}
