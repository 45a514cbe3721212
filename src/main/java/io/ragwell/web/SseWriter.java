package io.ragwell.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@code text/event-stream} response (the WHATWG server-sent events format) on the request thread, one
 * event at a time, each flushed as soon as it is written so the client sees it at once. Data is one line of
 * JSON (or a literal such as OpenAI's {@code [DONE]}): JSON escapes line breaks, so no event needs the multi-line
 * {@code data:} form.
 */
public final class SseWriter {

	private final HttpServletResponse response;

	private final JsonMapper json;

	private @Nullable OutputStream out;

	/**
	 * @param response the response, not yet committed
	 * @param json the application's mapper, so event data reads like the JSON endpoints' bodies
	 */
	public SseWriter(HttpServletResponse response, JsonMapper json) {
		this.response = response;
		this.json = json;
	}

	/** An event with a name ({@code event:} line) and JSON data. */
	public void event(String name, Object data) throws IOException {
		write("event: " + name + "\ndata: " + this.json.writeValueAsString(data) + "\n\n");
	}

	/** An unnamed event (a client reads it as {@code message}) with JSON data. */
	public void data(Object data) throws IOException {
		write("data: " + this.json.writeValueAsString(data) + "\n\n");
	}

	/** An unnamed event whose data is {@code literal} as it is, e.g. {@code [DONE]}. */
	public void literal(String literal) throws IOException {
		write("data: " + literal + "\n\n");
	}

	private void write(String event) throws IOException {
		OutputStream stream = this.out;
		if (stream == null) {
			this.response.setStatus(HttpServletResponse.SC_OK);
			this.response.setContentType("text/event-stream");
			this.response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			// Proxies must pass each event on as it comes (nginx buffers unless told), and nobody may cache it.
			this.response.setHeader("Cache-Control", "no-cache");
			this.response.setHeader("X-Accel-Buffering", "no");
			stream = this.response.getOutputStream();
			this.out = stream;
		}
		stream.write(event.getBytes(StandardCharsets.UTF_8));
		stream.flush();
	}

}
