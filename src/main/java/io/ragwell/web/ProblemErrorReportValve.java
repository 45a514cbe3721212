package io.ragwell.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat answers some malformed requests itself, before any filter or controller runs (for example a path
 * holding an encoded NUL). Its default valve writes an HTML page; this one writes the same RFC 9457 problem
 * detail shape as the rest of the API, and never a stack trace or server version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase() : null;
		String title = (reason != null) ? reason : "HTTP " + status;
		String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		String body = "{\"type\":\"urn:ragwell:problem:" + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"The request was rejected by the HTTP server before it reached the API"
				+ " (malformed request line, path or headers).\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response is already committed: nothing more to say.
		}
	}

}
