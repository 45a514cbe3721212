package io.ragwell.support;

import java.util.ArrayList;
import java.util.List;

/** Reads a whole {@code text/event-stream} body (WHATWG server-sent events) into its events. */
public final class Sse {

	private Sse() {
	}

	/**
	 * @param name the {@code event:} field, {@code message} when absent
	 * @param data the {@code data:} lines joined by line feeds
	 */
	public record Event(String name, String data) {
	}

	/** The events of {@code body}; comments and fields other than event and data are skipped, as a browser does. */
	public static List<Event> parse(String body) {
		List<Event> events = new ArrayList<>();
		String name = null;
		StringBuilder data = null;
		for (String line : body.split("\r\n|\n|\r", -1)) {
			if (line.isEmpty()) {
				if (data != null) {
					events.add(new Event((name != null) ? name : "message", data.toString()));
				}
				name = null;
				data = null;
				continue;
			}
			if (line.startsWith(":")) {
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			if (field.equals("event")) {
				name = value;
			}
			else if (field.equals("data")) {
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
		return events;
	}

}
