package io.ragwell.web;

import java.io.IOException;

import io.ragwell.core.PayloadTooLargeException;
import io.ragwell.query.plan.LimitsProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Rejects bodies over {@code ragwell.limits.max-request-size} with 413: at once when Content-Length says so,
 * and while reading when the body is chunked, so a large body is never buffered whole.
 */
final class RequestSizeFilter extends OncePerRequestFilter {

	private final long limit;

	private final HandlerExceptionResolver resolver;

	RequestSizeFilter(long limit, HandlerExceptionResolver resolver) {
		this.limit = limit;
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limit) {
			this.resolver.resolveException(request, response, null, new PayloadTooLargeException(this.limit));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.limit), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws PayloadTooLargeException {
			this.read += n;
			if (this.read > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

	// Servlet filters only: the eval command runs the application without a web server.
	@Configuration(proxyBeanMethods = false)
	@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
			type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
	static class Registration {

		@Bean
		FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(LimitsProperties limits,
				@org.springframework.beans.factory.annotation.Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
			FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(
					new RequestSizeFilter(limits.maxRequestSize().toBytes(), resolver));
			// After authentication: an anonymous caller is told 401, not how large a body may be.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
			return registration;
		}

	}

}
