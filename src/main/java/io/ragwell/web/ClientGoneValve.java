package io.ragwell.web;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import io.ragwell.core.ClientWatch;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets a request thread learn that its HTTP/1.x client hung up ({@link ClientWatch}), which Tomcat never says
 * while a synchronous request runs: the socket is out of the poller until the response is written.
 *
 * <p>The probe is Tomcat's own non-blocking read ({@code ActionCode.AVAILABLE} with {@code true}, which backs
 * {@code ServletInputStream.isReady()}), asked only once Tomcat has read the body to its end, so it never takes
 * bytes the application still needs. A failed read (end of stream or reset) is reported as one byte available
 * while Tomcat's buffer stays empty, which a second, reading-free {@code AVAILABLE} tells apart from bytes that
 * really arrived. A client that half-closes its sending side after the request is taken for gone, as nginx does
 * (its 499).
 *
 * <p>A probed connection is closed after its response. Tomcat's read fills its buffer again from the end of
 * the headers, over any bytes of a next request that arrived together with the body (a pipelining client; RFC
 * 9112 asks clients not to pipeline behind a POST but does not forbid it); at the request's end Tomcat then
 * steps back over those bytes into this request's headers and parses them as the next request (seen in
 * ClientDisconnectIT: 400, "Invalid character found in method name [ost:localhost..."). Closing instead leaves
 * a pipelined request unanswered, which a client must retry (RFC 9112, section 9.3.2). Only requests still
 * waiting on the model queue after one probe interval are probed (large ingests), so keep-alive is lost only
 * where a request took that long anyway.
 *
 * <p>A valve, not a servlet filter: only the valve sees Tomcat's request behind the servlet API.
 */
final class ClientGoneValve extends ValveBase {

	ClientGoneValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		// HTTP/2 streams answer AVAILABLE from their own buffers, without this meaning.
		if (!"HTTP/1.1".equals(request.getProtocol()) && !"HTTP/1.0".equals(request.getProtocol())) {
			getNext().invoke(request, response);
			return;
		}
		try (ClientWatch.Registration watch = ClientWatch.watch(new Probe(request.getCoyoteRequest(), response))) {
			getNext().invoke(request, response);
		}
	}

	/** Asked only on the request's thread (the registration is thread-local). */
	private static final class Probe implements BooleanSupplier {

		private final org.apache.coyote.Request request;

		private final Response response;

		private boolean probed;

		private boolean gone;

		Probe(org.apache.coyote.Request request, Response response) {
			this.request = request;
			this.response = response;
		}

		@Override
		public boolean getAsBoolean() {
			if (this.gone || !this.request.isFinished()) {
				return this.gone;
			}
			if (!this.probed) {
				this.probed = true;
				// Keep-alive ends here (see the class comment). Tomcat closes after a response that carries
				// this header. Spring MVC's error handling keeps headers (it resets only the body); the one path
				// that drops them, Tomcat's error report, is a 500, after which Tomcat closes anyway.
				this.response.setHeader("Connection", "close");
			}
			// Nothing buffered: one non-blocking read of the socket. 0 means the connection is open and quiet.
			this.request.action(ActionCode.AVAILABLE, Boolean.TRUE);
			if (this.request.getAvailable() == 0) {
				return false;
			}
			// Bytes, or a failed read that Tomcat reports as one byte: only bytes it read are in its buffer.
			this.request.action(ActionCode.AVAILABLE, Boolean.FALSE);
			this.gone = this.request.getAvailable() == 0;
			return this.gone;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Installation {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientGoneValve() {
			return (factory) -> factory.addContextValves(new ClientGoneValve());
		}

	}

}
