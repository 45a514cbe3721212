package io.ragwell.store.weaviate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small GraphQL parser for the mock: anonymous query operations with fields, arguments (strings, numbers,
 * booleans, enums, lists, objects) and selection sets. Anything else is a syntax error, as it would be for
 * Weaviate.
 */
final class GraphQl {

	record Field(String name, Map<String, Object> arguments, List<Field> selections) {

		Field selection(String wanted) {
			return this.selections.stream().filter(field -> field.name().equals(wanted)).findFirst().orElse(null);
		}

	}

	/** An enum literal such as {@code Equal}. */
	record EnumValue(String name) {
	}

	static final class SyntaxError extends RuntimeException {

		SyntaxError(String message) {
			super(message);
		}

	}

	private final String text;

	private int at;

	private GraphQl(String text) {
		this.text = text;
	}

	/** The top-level selections of {@code { ... }} or {@code query { ... }}. */
	static List<Field> parse(String text) {
		GraphQl parser = new GraphQl(text);
		parser.skip();
		if (parser.peekName()) {
			String keyword = parser.name();
			if (!keyword.equals("query")) {
				throw new SyntaxError("unsupported operation " + keyword);
			}
		}
		List<Field> fields = parser.selectionSet();
		parser.skip();
		if (parser.at != text.length()) {
			throw new SyntaxError("unexpected trailing text at " + parser.at);
		}
		return fields;
	}

	private List<Field> selectionSet() {
		expect('{');
		List<Field> fields = new ArrayList<>();
		while (!peek('}')) {
			fields.add(field());
		}
		expect('}');
		if (fields.isEmpty()) {
			throw new SyntaxError("empty selection set");
		}
		return fields;
	}

	private Field field() {
		String name = name();
		Map<String, Object> arguments = new LinkedHashMap<>();
		if (peek('(')) {
			expect('(');
			while (!peek(')')) {
				String argument = name();
				expect(':');
				arguments.put(argument, value());
			}
			expect(')');
		}
		List<Field> selections = peek('{') ? selectionSet() : List.of();
		return new Field(name, arguments, selections);
	}

	private Object value() {
		skip();
		char c = current();
		if (c == '"') {
			return string();
		}
		if (c == '[') {
			expect('[');
			List<Object> values = new ArrayList<>();
			while (!peek(']')) {
				values.add(value());
			}
			expect(']');
			return values;
		}
		if (c == '{') {
			expect('{');
			Map<String, Object> object = new LinkedHashMap<>();
			while (!peek('}')) {
				String key = name();
				expect(':');
				object.put(key, value());
			}
			expect('}');
			return object;
		}
		if (c == '-' || Character.isDigit(c)) {
			int start = this.at++;
			while (this.at < this.text.length() && "0123456789.eE+-".indexOf(this.text.charAt(this.at)) >= 0) {
				this.at++;
			}
			try {
				return new BigDecimal(this.text.substring(start, this.at));
			}
			catch (NumberFormatException ex) {
				throw new SyntaxError("bad number " + this.text.substring(start, this.at));
			}
		}
		String name = name();
		return switch (name) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			case "null" -> throw new SyntaxError("null literal not supported here");
			default -> new EnumValue(name);
		};
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (true) {
			if (this.at >= this.text.length()) {
				throw new SyntaxError("unterminated string");
			}
			char c = this.text.charAt(this.at++);
			if (c == '"') {
				return out.toString();
			}
			if (c == '\n' || c == '\r') {
				throw new SyntaxError("line break inside a string");
			}
			if (c == '\\') {
				char escaped = this.text.charAt(this.at++);
				switch (escaped) {
					case '"', '\\', '/' -> out.append(escaped);
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
						this.at += 4;
					}
					default -> throw new SyntaxError("bad escape \\" + escaped);
				}
			}
			else {
				out.append(c);
			}
		}
	}

	private boolean peekName() {
		skip();
		return this.at < this.text.length() && isNameStart(current());
	}

	private String name() {
		skip();
		if (this.at >= this.text.length() || !isNameStart(current())) {
			throw new SyntaxError("expected a name at " + this.at);
		}
		int start = this.at;
		while (this.at < this.text.length()
				&& (Character.isLetterOrDigit(current()) || current() == '_') && current() < 128) {
			this.at++;
		}
		return this.text.substring(start, this.at);
	}

	private static boolean isNameStart(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
	}

	private boolean peek(char c) {
		skip();
		if (this.at >= this.text.length()) {
			throw new SyntaxError("unexpected end of query");
		}
		return current() == c;
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw new SyntaxError("expected '" + c + "' at " + this.at + " but found '" + current() + "'");
		}
		this.at++;
	}

	private char current() {
		return this.text.charAt(this.at);
	}

	/** Whitespace and commas are insignificant in GraphQL; so are comments. */
	private void skip() {
		while (this.at < this.text.length()) {
			char c = current();
			if (c == '#') {
				while (this.at < this.text.length() && current() != '\n') {
					this.at++;
				}
			}
			else if (Character.isWhitespace(c) || c == ',') {
				this.at++;
			}
			else {
				return;
			}
		}
	}

}
