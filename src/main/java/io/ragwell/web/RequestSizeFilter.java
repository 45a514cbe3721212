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
 * and while reading when the body is chunked, so a large body is never buffered whole. File uploads (a
 * multipart body, or a PUT's raw file) are held to {@code ragwell.limits.max-file-bytes} plus room for the
 * multipart framing instead: they are streamed to disk, never into memory.
 */
final class RequestSizeFilter extends OncePerRequestFilter {

	/** Part headers, boundaries and the small form fields (id, source, metadata) beside the files. */
	static final long MULTIPART_OVERHEAD = 1024 * 1024;

	private final long limit;

	private final long uploadLimit;

	private final HandlerExceptionResolver resolver;

	RequestSizeFilter(long limit, long uploadLimit, HandlerExceptionResolver resolver) {
		this.limit = limit;
		this.uploadLimit = Math.max(limit, uploadLimit);
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long max = isUpload(request) ? this.uploadLimit : this.limit;
		if (request.getContentLengthLong() > max) {
			this.resolver.resolveException(request, response, null, new PayloadTooLargeException(max));
			return;
		}
		chain.doFilter(new LimitedRequest(request, max), response);
	}

	/**
	 * By method and content type alone, never by path, so no path spelling changes the limit: the larger limit
	 * reaches only the handlers that stream a body to disk (a multipart or PUT body elsewhere is refused unread).
	 */
	private static boolean isUpload(HttpServletRequest request) {
		String contentType = request.getContentType();
		return "PUT".equals(request.getMethod())
				|| (contentType != null && contentType.regionMatches(true, 0, "multipart/form-data", 0, 19));
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
					new RequestSizeFilter(limits.maxRequestSize().toBytes(),
							limits.maxFileBytes().toBytes() + MULTIPART_OVERHEAD, resolver));
			// After authentication: an anonymous caller is told 401, not how large a body may be.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
			return registration;
		}

		/**
		 * Multipart parsing held to the same limits: the files of one request together up to
		 * {@code max-file-bytes}; parts over 64 KB go to disk, so an upload never sits in memory.
		 */
		@Bean
		jakarta.servlet.MultipartConfigElement multipartConfigElement(LimitsProperties limits) {
			long files = limits.maxFileBytes().toBytes();
			return new jakarta.servlet.MultipartConfigElement(System.getProperty("java.io.tmpdir"), files,
					files + MULTIPART_OVERHEAD, 64 * 1024);
		}

	}

}
