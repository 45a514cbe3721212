package io.ragwell.web.security;

import io.ragwell.web.security.SecurityProperties.Scope;

/** Who may reach a handler, as decided by {@link HandlerScopes}. */
sealed interface HandlerAccess {

	/** Anyone, without a key: health probes, and the error page of a request already in hand. */
	record Anonymous() implements HandlerAccess {
	}

	/** A key with this scope. */
	record Scoped(Scope scope) implements HandlerAccess {
	}

	/** Nobody: the handler does not say who may call it, so it is closed rather than open by accident. */
	record Undeclared() implements HandlerAccess {
	}

}
