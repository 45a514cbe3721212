package io.ragwell.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops talking loses its connection: raw sockets that send part of a request (or nothing after
 * a complete one) and then stay silent are closed by the server within the configured timeouts, set short here.
 */
@RagwellIntegrationTest(properties = { "server.tomcat.connection-timeout=1s", "server.tomcat.keep-alive-timeout=1s" })
class ServerTimeoutsIT {

	/**
	 * Far below Tomcat's own default (60 s). A cut-off body takes longest: the timed-out read is answered
	 * with 408 before the close, about twice the timeout in all; the rest is slack for a busy machine.
	 */
	private static final Duration CLOSED_WITHIN = Duration.ofSeconds(6);

	@LocalServerPort
	int port;

	/** The first request initialises the dispatcher servlet, which would count against the timeouts measured. */
	@BeforeEach
	void warmUp() throws IOException {
		assertClosedAfterSending("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
	}

	@Test
	void aSilentConnectionIsClosedWithinTheConnectionTimeout() throws IOException {
		assertClosedAfterSending("");
	}

	@Test
	void aRequestCutOffInItsHeadersIsClosedWithinTheConnectionTimeout() throws IOException {
		assertClosedAfterSending("POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Ty");
	}

	@Test
	void aRequestCutOffInItsBodyIsAnswered408AndClosedWithinTheConnectionTimeout() throws IOException {
		String response = assertClosedAfterSending("POST /query HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\": \"riv");
		assertThat(response).startsWith("HTTP/1.1 408");
	}

	@Test
	void anIdleKeptAliveConnectionIsClosedWithinTheKeepAliveTimeout() throws IOException {
		String response = assertClosedAfterSending("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200");
	}

	@Test
	void theShippedConfigurationSetsEachTimeout() throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		PropertySource<?> yaml = sources.getFirst();
		assertThat(yaml.getProperty("server.tomcat.connection-timeout")).hasToString("10s");
		assertThat(yaml.getProperty("server.tomcat.keep-alive-timeout")).isNotNull();
		assertThat(yaml.getProperty("server.max-http-request-header-size")).isNotNull();
	}

	/** Sends {@code request}, then nothing; returns what the server sent before it closed the connection. */
	private String assertClosedAfterSending(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			// Far above the expected close: a timeout here means the server kept the connection.
			socket.setSoTimeout((int) CLOSED_WITHIN.multipliedBy(3).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			long start = System.nanoTime();
			InputStream in = socket.getInputStream();
			StringBuilder received = new StringBuilder();
			try {
				byte[] buffer = new byte[4096];
				int read;
				while ((read = in.read(buffer)) != -1) {
					received.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				}
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("the server kept a silent connection open for over "
						+ CLOSED_WITHIN.multipliedBy(3) + "; received: " + received, ex);
			}
			catch (SocketException ex) {
				// A reset is a close too.
			}
			Duration open = Duration.ofNanos(System.nanoTime() - start);
			assertThat(open).as("time until the server closed the connection; received: " + received)
				.isLessThan(CLOSED_WITHIN);
			return received.toString();
		}
	}

}
