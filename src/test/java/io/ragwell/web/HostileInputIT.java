package io.ragwell.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed, oversized and odd requests against every endpoint, from a seeded generator: never a
 * 5xx, and every error is a problem detail. Then the index still holds exactly the documents that were
 * accepted.
 */
@RagwellIntegrationTest(properties = { "ragwell.limits.max-request-size=4MB", "ragwell.limits.max-document-chars=100000" })
class HostileInputIT {

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** Replay a failure with {@code -Dragwell.hostile.seed=<the seed printed by the failing run>}. */
	private static final long SEED = Long.getLong("ragwell.hostile.seed", 20261124L);

	private final Random random = new Random(SEED);

	/** Categories whose every probe is an oversized or ill-typed filter: exactly a 400 invalid-filter. */
	private static final java.util.Set<String> INVALID_FILTERS = java.util.Set.of("filter-many-keys",
			"filter-many-clauses");

	private record Probe(String category, String method, String path, String contentType, byte[] body,
			String accept) {
	}

	private static final String[] VALID_BODIES = {
			"{\"id\":\"doc-1\",\"content\":\"Rivers carry sediment to the sea.\",\"metadata\":{\"lang\":\"en\"}}",
			"{\"documents\":[{\"content\":\"a\"},{\"content\":\"b\"}]}",
			"{\"query\":\"what do rivers carry?\",\"top_k\":5,\"filters\":{\"lang\":{\"$in\":[\"en\"]}}}" };

	private static final String[] WRONG_TYPED = { "{\"query\": 42}", "{\"query\": {\"a\": 1}}", "{\"query\": [\"x\"]}",
			"{\"query\": \"x\", \"top_k\": \"five\"}", "{\"query\": \"x\", \"top_k\": 5.5}",
			"{\"query\": \"x\", \"top_k\": -1}", "{\"query\": \"x\", \"top_k\": 0}", "{\"query\": \"x\", \"top_k\": 51}",
			"{\"query\": \"x\", \"top_k\": 99999999999999999999}", "{\"query\": \"x\", \"filters\": \"lang=en\"}",
			"{\"query\": \"x\", \"filters\": [1]}", "{\"query\": \"x\", \"filters\": {\"a\": {\"$regex\": \".*\"}}}",
			"{\"query\": \"x\", \"filters\": {\"$nor\": []}}", "{\"query\": \"x\", \"mode\": \"quantum\"}",
			"{\"query\": \"x\", \"mode\": 3}", "{\"query\": null}", "{\"query\": \"   \"}", "{}", "[]", "null", "42",
			"\"just a string\"", "{\"content\": 7}", "{\"content\": [\"a\"]}", "{\"content\": null}",
			"{\"content\": \"x\", \"metadata\": \"m\"}", "{\"content\": \"x\", \"metadata\": {\"a\": {\"b\": 1}}}",
			"{\"content\": \"x\", \"metadata\": {\"a\": null}}", "{\"content\": \"x\", \"metadata\": {\"a\": [[1]]}}",
			"{\"content\": \"x\", \"metadata\": {\"bad key\": 1}}", "{\"content\": \"x\", \"metadata\": {\"source\": 1}}",
			"{\"content\": \"x\", \"id\": \"has space\"}", "{\"content\": \"x\", \"id\": \"\"}", "{\"content\": \"x\", \"id\": 5}",
			"{\"content\": \"x\", \"id\": \"a/b\"}", "{\"documents\": {}}", "{\"documents\": []}",
			"{\"documents\": [1, 2]}", "{\"documents\": [null]}", "{\"documents\": [{\"documents\": []}]}",
			"{\"documents\": [{\"id\": \"d\", \"content\": \"a\"}, {\"id\": \"d\", \"content\": \"b\"}]}",
			"{\"content\": \"x\", \"documents\": [{\"content\": \"y\"}]}", "{\"content\": \"x\", \"source\": 1}" };

	@Test
	void noMalformedRequestCausesAServerErrorAndEveryErrorIsAProblemDetail() {
		List<Probe> probes = new ArrayList<>();
		String[] jsonEndpoints = { "/documents", "/query", "/search" };
		for (int i = 0; i < 600; i++) {
			String body = VALID_BODIES[i % VALID_BODIES.length];
			String truncated = body.substring(0, this.random.nextInt(body.length()));
			probes.add(json("broken-json", jsonEndpoints[i % 3], truncated));
		}
		for (int i = 0; i < 200; i++) {
			byte[] garbage = new byte[1 + this.random.nextInt(200)];
			this.random.nextBytes(garbage);
			probes.add(new Probe("random-bytes", "POST", jsonEndpoints[i % 3], "application/json", garbage,
					"application/json"));
		}
		for (int i = 0; i < 3 * WRONG_TYPED.length * 4; i++) {
			probes.add(json("wrong-types", jsonEndpoints[i % 3], WRONG_TYPED[(i / 3) % WRONG_TYPED.length]));
		}
		for (int i = 0; i < 150; i++) {
			probes.add(json("mutated", jsonEndpoints[i % 3], mutate(VALID_BODIES[i % VALID_BODIES.length])));
		}
		for (int i = 0; i < 60; i++) {
			int depth = 200 + this.random.nextInt(5000);
			probes.add(json("deep-nesting", jsonEndpoints[i % 3], "[".repeat(depth) + "]".repeat(depth)));
			probes.add(json("deep-nesting", jsonEndpoints[i % 3],
					"{\"query\":\"x\",\"filters\":" + "{\"$and\":[".repeat(depth / 10 + 9) + "{\"a\":1}"
							+ "]}".repeat(depth / 10 + 9) + "}"));
		}
		for (int i = 0; i < 40; i++) {
			probes.add(json("huge", "/query", "{\"query\":\"" + "q".repeat(2001 + this.random.nextInt(50000)) + "\"}"));
			probes.add(json("huge", "/documents", "{\"content\":\"" + "w ".repeat(50001 + this.random.nextInt(1000))
					+ "\"}"));
			probes.add(json("huge", "/query", "{\"query\":\"x\",\"filters\":{\"a\":["
					+ "1,".repeat(100 + this.random.nextInt(1000)) + "1]}}"));
		}
		byte[] tooLarge = ("{\"content\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < 6; i++) {
			probes.add(new Probe("over-body-limit", "POST", "/documents", "application/json", tooLarge,
					"application/json"));
		}
		String[] unicode = { "\\ud800", "\\udfff", "\\ud83d", "\\u0000", "\\ufeff", "\\u202e", "\\uffff", "😀", "é",
				"\\u0007" };
		for (int i = 0; i < 150; i++) {
			String odd = unicode[i % unicode.length] + unicode[this.random.nextInt(unicode.length)];
			probes.add(json("unicode", "/query", "{\"query\":\"rivers " + odd + "\",\"mode\":\"sparse\"}"));
			probes.add(json("unicode", "/documents",
					"{\"id\":\"u-" + i + "\",\"content\":\"text " + odd + " end\",\"metadata\":{\"k\":\"" + odd + "\"}}"));
		}
		for (int i = 0; i < 60; i++) {
			byte[] invalidUtf8 = { '{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
					(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) (0x80 + i), '"', '}' };
			probes.add(new Probe("invalid-utf8", "POST", jsonEndpoints[i % 3], "application/json", invalidUtf8,
					"application/json"));
		}
		String[] contentTypes = { "text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "", "application/json; charset=latin-7", "image/png" };
		for (int i = 0; i < 120; i++) {
			probes.add(new Probe("content-type", "POST", jsonEndpoints[i % 3], contentTypes[i % contentTypes.length],
					VALID_BODIES[i % 3].getBytes(StandardCharsets.UTF_8), "application/json"));
		}
		String[] methods = { "PUT", "PATCH", "DELETE", "GET" };
		for (int i = 0; i < 60; i++) {
			probes.add(new Probe("method", methods[i % methods.length], jsonEndpoints[i % 3], "application/json",
					VALID_BODIES[2].getBytes(StandardCharsets.UTF_8), "application/json"));
		}
		for (int i = 0; i < 40; i++) {
			probes.add(new Probe("accept", "POST", "/search", "application/json",
					VALID_BODIES[2].getBytes(StandardCharsets.UTF_8), (i % 2 == 0) ? "application/xml" : "image/png"));
		}
		String[] ids = { "missing", "x".repeat(300), "%E2%98%83", "a.b", "..", "%00", "_", "-", "%20", "1e9",
				"%F0%9F%98%80" };
		for (int i = 0; i < 110; i++) {
			String method = (i % 2 == 0) ? "GET" : "DELETE";
			probes.add(new Probe("path", method, "/documents/" + ids[i % ids.length], "application/json", null,
					"application/json"));
		}
		for (int i = 0; i < 40; i++) {
			probes.add(new Probe("unknown-path", "GET", "/nope/" + i, "application/json", null, "application/json"));
		}

		addFilterProbes(probes);

		System.out.println("hostile seed=" + SEED + " (replay with -Dragwell.hostile.seed=" + SEED + ")");
		assertThat(probes.size()).isGreaterThanOrEqualTo(2000);
		Map<String, int[]> byCategory = new TreeMap<>();
		List<String> failures = new ArrayList<>();
		for (Probe probe : probes) {
			HttpResponse<String> response = send(probe);
			int[] counts = byCategory.computeIfAbsent(probe.category(), c -> new int[3]);
			counts[response.statusCode() < 300 ? 0 : response.statusCode() < 500 ? 1 : 2]++;
			String problem = checkProblem(response);
			if (problem == null && INVALID_FILTERS.contains(probe.category()) && (response.statusCode() != 400
					|| !response.body().contains("invalid-filter"))) {
				problem = "expected a 400 invalid-filter";
			}
			if (response.statusCode() >= 500 || problem != null) {
				failures.add(probe.category() + " " + probe.method() + " " + probe.path() + " -> "
						+ response.statusCode() + " " + (problem != null ? problem : "") + " "
						+ abbreviate(response.body()));
			}
		}
		byCategory.forEach((category, counts) -> System.out.printf("hostile %-14s 2xx=%d 4xx=%d 5xx=%d%n", category,
				counts[0], counts[1], counts[2]));
		System.out.println("hostile total requests=" + probes.size());
		assertThat(failures).as("requests answered with 5xx or without a problem detail (seed %d)", SEED).isEmpty();

		// The accepted documents are there, intact; nothing else was written.
		RagwellHttp http = new RagwellHttp(this.port);
		assertThat(http.get("/documents/doc-1").status()).isIn(200, 404);
		assertThat(http.post("/search", Map.of("query", "rivers sediment", "mode", "sparse")).status()).isEqualTo(200);
	}

	/**
	 * Filters the parser must bound or type-check before any store sees them: many keys in one object, many
	 * clauses spread over levels and lists, numbers beyond long and double, and every operator with every
	 * JSON type.
	 */
	private void addFilterProbes(List<Probe> probes) {
		String[] searchEndpoints = { "/search", "/query" };
		for (int i = 0; i < 40; i++) {
			int keys = (i == 0) ? 1100 : 201 + this.random.nextInt(3000);
			StringBuilder filter = new StringBuilder("{");
			for (int k = 0; k < keys; k++) {
				filter.append(k > 0 ? "," : "").append("\"k").append(k).append("\":").append(k);
			}
			probes.add(json("filter-many-keys", searchEndpoints[i % 2], withFilter(filter.append('}').toString())));
		}
		for (int i = 0; i < 40; i++) {
			// Each level under the 200 bound on its own, over it together.
			int branches = 3 + this.random.nextInt(8);
			int perBranch = 201 / branches + 1 + this.random.nextInt(40);
			StringBuilder filter = new StringBuilder("{\"$and\":[{\"$or\":[");
			for (int b = 0; b < branches; b++) {
				filter.append(b > 0 ? "," : "").append('{');
				for (int k = 0; k < perBranch; k++) {
					filter.append(k > 0 ? "," : "").append("\"f").append(k).append("\":");
					filter.append((k % 3 == 0) ? "{\"$nin\":[1,\"a\",true]}" : "{\"$ne\":" + k + "}");
				}
				filter.append('}');
			}
			probes.add(json("filter-many-clauses", searchEndpoints[i % 2],
					withFilter(filter.append("]}]}").toString())));
			String values = "1,".repeat(99) + "1";
			probes.add(json("filter-many-clauses", searchEndpoints[i % 2], withFilter("{\"a\":[" + values
					+ "],\"b\":{\"$in\":[" + values + "]},\"$or\":[{\"c\":1},{\"d\":{\"$nin\":[1]}}]}")));
		}
		String[] numbers = { "1e400", "-1e400", "1e309", "1E+308", "4.9e-324", "1e-400", "-0.0", "0",
				"9223372036854775807", "9223372036854775808", "-9223372036854775809", "9".repeat(400),
				"9".repeat(1200), "0." + "1".repeat(1200), "1e999999999", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
				"\"1e400\"", "NaN", "Infinity", "-Infinity", "0x10", "01", "1.", ".5", "+1" };
		String[] operators = { "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin" };
		for (int i = 0; i < 120; i++) {
			String number = numbers[i % numbers.length];
			String operator = operators[this.random.nextInt(operators.length)];
			String operand = operator.endsWith("in") ? "[" + number + "]" : number;
			probes.add(json("filter-numbers", searchEndpoints[i % 2],
					withFilter("{\"year\":{\"" + operator + "\":" + operand + "}}")));
			probes.add(json("filter-numbers", searchEndpoints[i % 2], withFilter("{\"year\":" + number + "}")));
		}
		String[] jsonValues = { "null", "true", "false", "0", "-7", "2.5", "\"s\"", "\"\"", "[]", "[1]",
				"[1,\"a\",true,2.5]", "[null]", "[[1]]", "[{}]", "[{\"b\":1}]", "{}", "{\"b\":1}", "{\"$eq\":1}" };
		String[] allOperators = { "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$and", "$or", "$not",
				"$exists" };
		String[] fields = { "lang", "document_id", "source", "year" };
		for (String operator : allOperators) {
			for (String value : jsonValues) {
				String field = fields[this.random.nextInt(fields.length)];
				String endpoint = searchEndpoints[this.random.nextInt(2)];
				probes.add(json("filter-operator-types", endpoint,
						withFilter("{\"" + field + "\":{\"" + operator + "\":" + value + "}}")));
				probes.add(json("filter-operator-types", endpoint, withFilter("{\"" + operator + "\":" + value + "}")));
			}
		}
	}

	private String withFilter(String filter) {
		String mode = new String[] { "sparse", "dense", "hybrid" }[this.random.nextInt(3)];
		return "{\"query\":\"rivers\",\"mode\":\"" + mode + "\",\"filters\":" + filter + "}";
	}

	private Probe json(String category, String path, String body) {
		return new Probe(category, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8),
				"application/json");
	}

	private String mutate(String body) {
		char[] chars = body.toCharArray();
		int edits = 1 + this.random.nextInt(4);
		String alphabet = "{}[]\":,\\ 0123456789-.eEtrufalsn$";
		for (int i = 0; i < edits; i++) {
			chars[this.random.nextInt(chars.length)] = alphabet.charAt(this.random.nextInt(alphabet.length()));
		}
		return new String(chars);
	}

	private HttpResponse<String> send(Probe probe) {
		// As curl does above 1 MB: ask before sending the body, so the server can refuse an oversized one
		// before it is sent, on a connection of its own (the server closes it after the refusal). Without that
		// the server answers 413 at once and closes with the body unread, and the client, still sending, may see
		// the connection reset before it reads the answer: a TCP race, not a server bug.
		boolean large = probe.body() != null && probe.body().length > 1024 * 1024;
		if (large) {
			try (HttpClient own = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
				return send(own, probe, true);
			}
		}
		return send(this.client, probe, false);
	}

	private HttpResponse<String> send(HttpClient client, Probe probe, boolean expectContinue) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + probe.path()))
			.timeout(Duration.ofSeconds(60))
			.expectContinue(expectContinue)
			.header("Accept", probe.accept())
			.method(probe.method(), (probe.body() == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(probe.body()));
		if (!probe.contentType().isEmpty()) {
			request.header("Content-Type", probe.contentType());
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(probe.category() + " " + probe.path() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}


	/**
	 * The endpoints added after the probe above was written: the stream, the OpenAI-compatible chat, MCP, files
	 * (multipart and PUT), asynchronous submission and jobs. Each may answer a hostile request in its own
	 * protocol's error shape (problem details for Ragwell's REST, OpenAI's {@code error} object under {@code /v1},
	 * JSON-RPC errors for MCP), but never with a server error or an internal name, and none of them leaves a job
	 * or a document behind.
	 */
	@Test
	void theNewerEndpointsRefuseHostileInputInTheirOwnProtocolWithoutServerErrorsOrLeftovers() {
		List<Probe> probes = new ArrayList<>();
		String[] broken = { "{", "{\"query\":", "[]", "null", "42", "{\"query\": 42}", "{\"query\": \"   \"}",
				"{\"query\": \"x\", \"top_k\": 9999}", "{\"query\": \"x\", \"mode\": \"quantum\"}",
				"{\"query\": \"" + "q".repeat(3000) + "\"}", "{\"query\": \"x\", \"filters\": {\"a\": {\"$regex\": 1}}}",
				"[".repeat(3000) + "]".repeat(3000) };
		for (String body : broken) {
			probes.add(json("stream", "/query/stream", body));
		}
		String[] chats = { "{", "{}", "{\"model\":\"ragwell\"}", "{\"model\":\"gpt-4\",\"messages\":[]}",
				"{\"model\":\"ragwell\",\"messages\":[]}", "{\"model\":\"ragwell\",\"messages\":\"hi\"}",
				"{\"model\":\"ragwell\",\"messages\":[{\"role\":\"user\"}]}",
				"{\"model\":\"ragwell\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}",
				"{\"model\":\"ragwell\",\"messages\":[{\"role\":\"user\",\"content\":42}]}",
				"{\"model\":\"ragwell\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "w ".repeat(60000) + "\"}]}",
				"{\"model\":\"ragwell\",\"n\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" };
		for (String body : chats) {
			probes.add(json("openai", "/v1/chat/completions", body));
		}
		// A conversation of 5,000 turns is answered from its most recent ones (ragwell.chat.max-history-*): bounded,
		// not refused.
		probes.add(json("openai-long", "/v1/chat/completions", "{\"model\":\"ragwell-sparse\",\"messages\":["
				+ "{\"role\":\"user\",\"content\":\"hi\"},".repeat(5000) + "{\"role\":\"user\",\"content\":\"hi?\"}]}"));
		probes.add(new Probe("openai", "GET", "/v1/models/%00", "application/json", null, "application/json"));
		probes.add(new Probe("openai", "GET", "/v1/models/" + "m".repeat(5000), "application/json", null,
				"application/json"));
		String[] rpc = { "{", "[]", "{\"jsonrpc\":\"2.0\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\"}",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search\"}}",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"rm\",\"arguments\":{}}}",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":{\"query\":\""
						+ "q".repeat(5000) + "\"}}}" };
		for (String body : rpc) {
			probes.add(new Probe("mcp", "POST", "/mcp", "application/json", body.getBytes(StandardCharsets.UTF_8),
					"application/json, text/event-stream"));
		}
		String boundary = "hostile-boundary";
		String[] multiparts = { "", "--" + boundary + "\r\n", "garbage without any boundary",
				part(boundary, "metadata", null, "not json") + "--" + boundary + "--\r\n",
				part(boundary, "file", "a.txt", "Rivers.") + part(boundary, "metadata", null, "{\"a\":{\"b\":1}}")
						+ "--" + boundary + "--\r\n",
				part(boundary, "file", "a.txt", "Rivers.") + part(boundary, "metadata", null,
						"{\"k\":\"" + "v".repeat(20000) + "\"}") + "--" + boundary + "--\r\n",
				part(boundary, "file", "a.txt", "Rivers.") + part(boundary, "id", null, "bad id/..")
						+ "--" + boundary + "--\r\n",
				part(boundary, "file", "a.txt", "One.") + part(boundary, "file", "b.txt", "Two.")
						+ part(boundary, "id", null, "only-one") + "--" + boundary + "--\r\n",
				part(boundary, "file", "a.bin", "\u0000\u0001\u0002 not a format anyone reads")
						.replace("text/plain", "application/x-ragwell-unknown") + "--" + boundary + "--\r\n",
				part(boundary, "file", "a.pdf", "%PDF-1.7 truncated").replace("text/plain", "application/pdf")
						+ "--" + boundary + "--\r\n",
				part(boundary, "file", "a.txt", "cut off in the middle of the part") };
		for (String body : multiparts) {
			// A file that cannot be read is refused at once when ingested synchronously; asynchronously it is
			// accepted (the bytes are only parsed in the background) and fails its document: checked below.
			boolean unreadableFile = body.contains("application/pdf") || body.contains("x-ragwell-unknown");
			for (String path : unreadableFile ? new String[] { "/documents" }
					: new String[] { "/documents", "/documents?mode=async" }) {
				probes.add(new Probe("multipart", "POST", path, "multipart/form-data; boundary=" + boundary,
						body.getBytes(StandardCharsets.UTF_8), "application/json"));
			}
		}
		String[][] puts = { { "application/x-ragwell-unknown", "\u0000\u0001\u0002\u0003\u0004 bytes" }, { "application/pdf", "%PDF-1.7 broken" },
				{ "image/png", "\u0000\u0001\u0002\u0003\u0004 not a png" }, { "text/plain", "" },
				{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\u0003\u0004 broken zip" } };
		for (String[] put : puts) {
			probes.add(new Probe("put", "PUT", "/documents/hostile-put", put[0], put[1].getBytes(StandardCharsets.UTF_8),
					"application/json"));
		}
		probes.add(new Probe("put", "PUT", "/documents/" + "x".repeat(300), "text/plain",
				"text".getBytes(StandardCharsets.UTF_8), "application/json"));
		String[] asyncBodies = { "{", "{}", "[]", "null", "{\"content\": null}",
				"{\"content\": \"x\", \"metadata\": \"m\"}", "{\"content\": \"x\", \"metadata\": {\"a\": {\"b\": 1}}}",
				"{\"content\": \"x\", \"id\": \"has space\"}", "{\"documents\": []}", "{\"documents\": [1, 2]}",
				"{\"documents\": [{\"id\": \"d\", \"content\": \"a\"}, {\"id\": \"d\", \"content\": \"b\"}]}",
				"{\"content\": \"" + "w ".repeat(60000) + "\"}" };
		for (String body : asyncBodies) {
			probes.add(json("async", "/documents?mode=async", body));
		}
		probes.add(json("async", "/documents?mode=sometimes", VALID_BODIES[0]));
		for (String path : new String[] { "/jobs?state=exploded", "/jobs?limit=0", "/jobs?limit=99999999999",
				"/jobs?limit=x", "/jobs/%00", "/jobs/" + "j".repeat(500), "/jobs/..%2F..%2Fetc%2Fpasswd",
				"/documents/missing/assets/0", "/documents/missing/assets/-1", "/documents/missing/assets/x",
				"/documents/missing/assets/99999999999" }) {
			probes.add(new Probe("jobs-assets", "GET", path, "application/json", null, "application/json"));
		}
		probes.add(new Probe("jobs-assets", "DELETE", "/jobs/%00", "application/json", null, "application/json"));

		List<String> failures = new ArrayList<>();
		Map<String, int[]> byCategory = new TreeMap<>();
		for (Probe probe : probes) {
			HttpResponse<String> response = send(probe);
			int[] counts = byCategory.computeIfAbsent(probe.category(), c -> new int[3]);
			counts[response.statusCode() < 300 ? 0 : response.statusCode() < 500 ? 1 : 2]++;
			String problem = switch (probe.category()) {
				case "openai", "openai-long" -> checkOpenAiError(response);
				case "mcp" -> checkRpcError(response);
				default -> checkProblem(response);
			};
			if (problem == null && !probe.category().equals("mcp") && !probe.category().equals("openai-long")
					&& response.statusCode() < 400) {
				problem = "accepted a hostile request";
			}
			if (response.statusCode() >= 500 || problem != null) {
				String sent = (probe.body() != null) ? new String(probe.body(), StandardCharsets.UTF_8) : "";
				failures.add(probe.category() + " " + probe.method() + " " + abbreviate(probe.path()) + " "
						+ sent.substring(0, Math.min(120, sent.length())) + " -> " + response.statusCode() + " "
						+ (problem != null ? problem : "") + " " + abbreviate(response.body()));
			}
		}
		byCategory.forEach((category, counts) -> System.out.printf("hostile-new %-12s 2xx=%d 4xx=%d 5xx=%d%n",
				category, counts[0], counts[1], counts[2]));
		assertThat(failures).as("hostile requests to the newer endpoints").isEmpty();

		// No partial state: no job was accepted and no document written by any of them.
		RagwellHttp http = new RagwellHttp(this.port);
		assertThat(http.get("/jobs").json().path("jobs").size()).isZero();

		// An unreadable file sent asynchronously: accepted, then its document fails with the reason, not lost.
		HttpResponse<String> accepted = send(new Probe("multipart", "POST", "/documents?mode=async",
				"multipart/form-data; boundary=" + boundary,
				(part(boundary, "file", "a.pdf", "%PDF-1.7 truncated").replace("text/plain", "application/pdf")
						+ part(boundary, "id", null, "unreadable-async") + "--" + boundary + "--\r\n")
					.getBytes(StandardCharsets.UTF_8),
				"application/json"));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String job = RagwellHttp.JSON.readTree(accepted.body()).path("status_url").asString();
		JsonNode finished = http.get(job).json();
		for (int i = 0; i < 300 && !finished.path("finished_at").isString(); i++) {
			sleep(100);
			finished = http.get(job).json();
		}
		assertThat(finished.path("documents").path("failed").asInt()).as(finished.toString()).isEqualTo(1);
		assertThat(finished.path("errors").get(0).path("document_id").asString()).isEqualTo("unreadable-async");
		assertThat(finished.path("errors").get(0).path("detail").asString()).contains("application/pdf")
			.doesNotContain("Exception");
		assertThat(http.get("/documents/unreadable-async").status()).isEqualTo(404);
		assertThat(http.get("/documents/hostile-put").status()).isEqualTo(404);
		assertThat(http.get("/documents/only-one").status()).isEqualTo(404);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String part(String boundary, String name, String filename, String content) {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
				+ ((filename != null) ? "; filename=\"" + filename + "\"\r\nContent-Type: text/plain" : "") + "\r\n\r\n"
				+ content + "\r\n";
	}

	/** Null when the response is OpenAI's error object with a 4xx, as its SDKs expect. */
	private static String checkOpenAiError(HttpResponse<String> response) {
		if (response.statusCode() < 400) {
			return null;
		}
		if (response.statusCode() == 400 && checkProblem(response) == null) {
			// Refused by the HTTP server before any handler (a malformed path): the server's problem detail.
			return null;
		}
		JsonNode error = RagwellHttp.JSON.readTree(response.body()).path("error");
		if (error.path("message").asString("").isEmpty() || error.path("type").asString("").isEmpty()) {
			return "not an OpenAI error object";
		}
		return leaks(response);
	}

	/** Null when MCP answered with a 4xx or a JSON-RPC error (a tool's own error result is fine too). */
	private static String checkRpcError(HttpResponse<String> response) {
		if (response.statusCode() >= 400 && response.statusCode() < 500) {
			return leaks(response);
		}
		String body = response.body();
		if (response.statusCode() < 300 && !body.contains("\"error\"") && !body.contains("\"isError\":true")) {
			return "a hostile JSON-RPC call succeeded";
		}
		return leaks(response);
	}

	private static String leaks(HttpResponse<String> response) {
		return (response.body().contains("io.ragwell") || response.body().contains("Exception")) ? "leaks internals"
				: null;
	}

	/**
	 * A scalar of the wrong JSON type is refused, not converted: Jackson's default would ingest {@code 7} as the text
	 * "7" and read {@code "5"} as the number 5.
	 */
	@Test
	void scalarsOfTheWrongJsonTypeAreRefusedNotConverted() {
		RagwellHttp http = new RagwellHttp(this.port);
		String[][] refused = { { "/documents", "{\"id\":\"coerced-1\",\"content\":7}" },
				{ "/documents", "{\"id\":\"coerced-2\",\"content\":true}" },
				{ "/documents", "{\"id\":\"coerced-3\",\"content\":1.5}" }, { "/query", "{\"query\":42}" },
				{ "/search", "{\"query\":false}" }, { "/search", "{\"query\":\"rivers\",\"top_k\":\"5\"}" },
				{ "/search", "{\"query\":\"rivers\",\"top_k\":true}" } };
		for (String[] request : refused) {
			RagwellHttp.Response response = http.send("POST", request[0], request[1], java.util.Map.of("Content-Type", "application/json"));
			assertThat(response.status()).as(request[0] + " " + request[1] + " -> " + response.body()).isEqualTo(400);
			assertThat(response.json().path("type").asString()).endsWith("unreadable-body");
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("io.ragwell");
		}
		for (int i = 1; i <= 3; i++) {
			assertThat(http.get("/documents/coerced-" + i).status()).isEqualTo(404);
		}
		// The same fields with their documented types are accepted.
		assertThat(http.send("POST", "/search", "{\"query\":\"rivers\",\"top_k\":5}", java.util.Map.of("Content-Type", "application/json")).status())
			.isEqualTo(200);
	}

	/**
	 * Escapes that no HTTP client library will send (they refuse to build such a URI), written on a raw socket:
	 * a malformed escape in a path segment or in a {@code ;} parameter is the client's mistake, a 400 problem
	 * detail, whichever layer of the server finds it.
	 */
	@Test
	void malformedEscapesInThePathAreBadRequestsNotServerErrors() throws IOException {
		String[] paths = { "/documents;%3%62", "/Actuator/health;%3%62", "/documents/x;a=%zz", "/search;%",
				"/documents/%3%62", "/documents/%G0", "/%", "/query;%E2%98", "/actuator/health;x=%0" };
		List<String> failures = new ArrayList<>();
		for (String path : paths) {
			String method = path.startsWith("/search") || path.startsWith("/query") ? "POST" : "GET";
			String head = rawRequest(method, path);
			int status = Integer.parseInt(head.substring(9, 12));
			if (status >= 500 || status < 400 || !head.contains("application/problem+json")) {
				failures.add(method + " " + path + " -> " + abbreviate(head));
			}
		}
		assertThat(failures).isEmpty();
	}

	private String rawRequest(String method, String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Null when the response is fine: a success, or a problem detail whose status matches. */
	private static String checkProblem(HttpResponse<String> response) {
		if (response.statusCode() < 400) {
			return null;
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		if (!contentType.startsWith("application/problem+json")) {
			return "content type '" + contentType + "'";
		}
		JsonNode problem = RagwellHttp.JSON.readTree(response.body());
		if (problem.path("status").asInt() != response.statusCode() || problem.path("title").asString("").isEmpty()
				|| problem.path("type").asString("").isEmpty()) {
			return "not a problem detail";
		}
		if (response.body().contains("io.ragwell") || response.body().contains("Exception")) {
			return "leaks internals";
		}
		return null;
	}

	private static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "…" : body;
	}

}
