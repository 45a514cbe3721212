package io.ragwell.web.security;

import java.util.IdentityHashMap;
import java.util.Map;

import io.ragwell.web.security.HandlerAccess.Anonymous;
import io.ragwell.web.security.HandlerAccess.Scoped;
import io.ragwell.web.security.HandlerAccess.Undeclared;
import io.ragwell.web.security.SecurityProperties.Scope;
import org.jspecify.annotations.Nullable;
import org.springdoc.api.AbstractOpenApiResource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.webmvc.actuate.endpoint.web.AdditionalHealthEndpointPathsWebMvcHandlerMapping;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Who may reach each handler, keyed by the handler itself rather than by a path, so the answer cannot differ
 * from what the dispatcher will run:
 * <ul>
 * <li>controller methods: their {@link RequiredScope} (on the method, else on the class), or anonymous with
 * {@link NoKeyRequired} (the playground page and its assets);</li>
 * <li>actuator endpoints: health (and its probe paths /livez, /readyz) is anonymous, everything else admin;</li>
 * <li>the OpenAPI document: read, like the API it describes;</li>
 * <li>static resources: read; Boot's resource mappings are off ({@code spring.web.resources.add-mappings}), the
 * playground's files are served by its controller, so none remain;</li>
 * <li>the error controller: anonymous, it renders only the error of the request being handled;</li>
 * <li>anything else: {@link Undeclared}, refused.</li>
 * </ul>
 */
final class HandlerScopes {

	private final ListableBeanFactory beans;

	/** Actuator operation handlers (the beans of their handler methods) by identity; built on first use. */
	private volatile @Nullable Map<Object, HandlerAccess> actuator;

	HandlerScopes(ListableBeanFactory beans) {
		this.beans = beans;
	}

	HandlerAccess access(Object handler) {
		if (handler instanceof HandlerMethod method) {
			return access(method);
		}
		if (handler instanceof ResourceHttpRequestHandler) {
			return new Scoped(Scope.READ);
		}
		return new Undeclared();
	}

	HandlerAccess access(HandlerMethod method) {
		RequiredScope declared = method.getMethodAnnotation(RequiredScope.class);
		if (declared == null) {
			declared = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiredScope.class);
		}
		if (declared != null) {
			return new Scoped(declared.value());
		}
		if (method.hasMethodAnnotation(NoKeyRequired.class)) {
			return new Anonymous();
		}
		HandlerAccess endpoint = actuator().get(method.getBean());
		if (endpoint != null) {
			return endpoint;
		}
		if (ErrorController.class.isAssignableFrom(method.getBeanType())) {
			return new Anonymous();
		}
		if (AbstractOpenApiResource.class.isAssignableFrom(method.getBeanType())) {
			return new Scoped(Scope.READ);
		}
		return new Undeclared();
	}

	private Map<Object, HandlerAccess> actuator() {
		Map<Object, HandlerAccess> map = this.actuator;
		if (map == null) {
			map = actuatorHandlers();
			this.actuator = map;
		}
		return map;
	}

	/**
	 * Reads the actuator's own handler mappings once: each operation is a handler method whose bean is unique
	 * to it, so the bean tells which endpoint a request reached. The health endpoint is recognised by the
	 * patterns its operations were registered under, read from the mappings, never from a request.
	 */
	private Map<Object, HandlerAccess> actuatorHandlers() {
		Map<Object, HandlerAccess> map = new IdentityHashMap<>();
		PathMappedEndpoints paths = this.beans.getBeanProvider(PathMappedEndpoints.class).getIfAvailable();
		String health = (paths != null) ? paths.getPath(EndpointId.of("health")) : null;
		for (AbstractWebMvcEndpointHandlerMapping mapping : this.beans
			.getBeansOfType(AbstractWebMvcEndpointHandlerMapping.class)
			.values()) {
			boolean probes = mapping instanceof AdditionalHealthEndpointPathsWebMvcHandlerMapping;
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				boolean anonymous = probes || isHealth(entry.getKey(), health);
				map.put(entry.getValue().getBean(), anonymous ? new Anonymous() : new Scoped(Scope.ADMIN));
			}
		}
		return map;
	}

	private static boolean isHealth(RequestMappingInfo info, @Nullable String health) {
		return health != null && !info.getPatternValues().isEmpty() && info.getPatternValues()
			.stream()
			.allMatch(pattern -> pattern.equals(health) || pattern.startsWith(health + "/"));
	}

}
