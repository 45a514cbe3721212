package io.ragwell.web.security;

import io.ragwell.core.Document;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The tenant namespace of the current request. Authentication stores the caller's namespace in the
 * request attribute {@link #ATTRIBUTE}; without it every request works in {@link Document#DEFAULT_NAMESPACE}.
 */
@Component
public class Namespaces {

	public static final String ATTRIBUTE = Namespaces.class.getName() + ".namespace";

	public String current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null
				&& attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof String namespace) {
			return namespace;
		}
		return Document.DEFAULT_NAMESPACE;
	}

}
