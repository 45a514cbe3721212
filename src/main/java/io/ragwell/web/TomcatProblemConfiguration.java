package io.ragwell.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Installs {@link ProblemErrorReportValve} in place of Tomcat's HTML error report, and sends {@code 100 Continue}
 * only when a body is read.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblemConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
		return new ProblemValveCustomizer();
	}

	/**
	 * Tomcat answers {@code Expect: 100-continue} at once by default, so a client (curl does this above 1 MB)
	 * uploads its whole body before learning it is over {@code ragwell.limits.max-request-size}. Sent only when
	 * the application reads the body, a refused request gets its 413 before a byte of the body is sent.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
		return (factory) -> factory
			.addConnectorCustomizers((connector) -> connector.setProperty("continueResponseTiming", "onRead"));
	}

	/** Last, so the valve Boot's own customizer adds is already there to be replaced. */
	static final class ProblemValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve) {
							host.getPipeline().removeValve(valve);
						}
					}
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					host.getPipeline().addValve(new ProblemErrorReportValve());
				}
			});
		}

	}

}
