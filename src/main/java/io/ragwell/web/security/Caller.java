package io.ragwell.web.security;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;

import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Who is calling, once the API-key filter has authenticated them. Absent from an anonymous request.
 *
 * @param name the key's name, never the key
 * @param scopes what the caller may do
 */
record Caller(String name, Set<Scope> scopes) {

	static final String ATTRIBUTE = Caller.class.getName();

	/** Every caller of a service without keys: it runs open, so everything is allowed, as before keys existed. */
	static final Caller OPEN = new Caller("open", EnumSet.allOf(Scope.class));

	Caller {
		scopes = Set.copyOf(scopes);
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
