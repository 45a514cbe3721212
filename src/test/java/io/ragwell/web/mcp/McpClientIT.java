package io.ragwell.web.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.support.KeyedIntegrationTest;
import io.ragwell.support.NodeScripts;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ragwell's MCP server driven by the official TypeScript client ({@code @modelcontextprotocol/sdk}, locked in
 * {@code src/test/node/mcp-client}): connect, list tools, call {@code search} and {@code ask}, read a document
 * resource, be refused {@code add_document} with a read-only key, add one with a write key, and see nothing of
 * another tenant. Errors must come back the way MCP clients expect them (tool errors as {@code isError}
 * results carrying the REST problem detail; an unknown tool or resource as a JSON-RPC error) and say what the
 * REST API says for the same input.
 */
@KeyedIntegrationTest
class McpClientIT {

	private static final String READER = KeyedIntegrationTest.MCP_READER;

	private static final String WRITER = KeyedIntegrationTest.MCP_WRITER;

	private static final String OTHER = KeyedIntegrationTest.MCP_OTHER;

	@LocalServerPort
	int port;

	private RagwellHttp.Response rest(String method, String path, String key, Object body) {
		Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + key));
		String text = null;
		if (body != null) {
			headers.put("Content-Type", "application/json");
			text = (body instanceof String s) ? s : RagwellHttp.JSON.writeValueAsString(body);
		}
		return new RagwellHttp(this.port).send(method, path, text, headers);
	}

	private void ingest(List<Map<String, Object>> documents) {
		RagwellHttp.Response response = rest("POST", "/documents", WRITER, Map.of("documents", documents));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private JsonNode runClient(String question, String docId, String newDocId) {
		NodeScripts.Result result = NodeScripts.run(NodeScripts.client("mcp-client"), List.of("node", "client.mjs"),
				Map.of("RAGWELL_URL", "http://localhost:" + this.port, "READ_KEY", READER, "WRITE_KEY", WRITER,
						"OTHER_TENANT_KEY", OTHER, "QUESTION", question, "DOC_ID", docId, "NEW_DOC_ID", newDocId),
				Duration.ofMinutes(3));
		assertThat(result.exitCode()).as(result.output() + result.stdout()).isZero();
		return RagwellHttp.JSON.readTree(result.stdout().strip().lines().reduce((first, second) -> second).orElseThrow());
	}

	@Test
	void theOfficialTypeScriptClientSearchesAsksReadsAndIsRefusedWritesWithAReadOnlyKey() {
		String docId = "notes:penguins@v2";
		String penguins = "Emperor penguins breed during the Antarctic winter. Males huddle together and keep the eggs "
				+ "warm on their feet for about two months.";
		ingest(List.of(Map.of("id", docId, "content", penguins, "metadata", Map.of("topic", "birds")),
				Map.of("id", "rivers", "content", "Rivers carry sediment from the mountains to the sea."),
				Map.of("id", "volcanoes", "content", "Volcanoes release gases such as water vapour and carbon dioxide.")));

		JsonNode report = runClient("How do penguins keep their eggs warm?", docId, "mcp-added");

		assertThat(report.path("server").path("name").asString()).isEqualTo("ragwell");
		List<String> tools = new ArrayList<>();
		report.path("tools").forEach(tool -> tools.add(tool.path("name").asString()));
		assertThat(tools).containsExactlyInAnyOrder("search", "ask", "add_document");
		JsonNode searchSchema = tool(report, "search").path("inputSchema");
		assertThat(names(searchSchema.path("properties")))
			.containsExactlyInAnyOrder("query", "top_k", "filters", "mode", "fusion", "alpha", "rrf_k");
		assertThat(searchSchema.path("required").get(0).asString()).isEqualTo("query");
		assertThat(names(tool(report, "add_document").path("inputSchema").path("properties")))
			.containsExactlyInAnyOrder("id", "content", "metadata", "source", "documents");

		// search: ranked chunks with ids, scores and document ids, as POST /search returns them.
		JsonNode search = report.path("search");
		assertThat(search.path("isError").asBoolean(false)).as(search.toString()).isFalse();
		JsonNode first = search.path("structuredContent").path("results").get(0);
		assertThat(first.path("chunk").path("document_id").asString()).isEqualTo(docId);
		assertThat(first.path("chunk").path("id").asString()).isEqualTo(docId + "#0");
		assertThat(first.path("rank").asInt()).isEqualTo(1);
		assertThat(first.path("score").isNumber()).isTrue();
		assertThat(search.path("structuredContent").path("search_mode").asString()).isEqualTo("hybrid");
		// The text block repeats the structured result as JSON (numbers as JavaScript prints them).
		assertThat(chunkIds(RagwellHttp.JSON.readTree(search.path("content").get(0).path("text").asString()), "results"))
			.isEqualTo(chunkIds(search.path("structuredContent"), "results"));

		// ask: an answer whose [n] citations point into its sources.
		JsonNode ask = report.path("ask").path("structuredContent");
		assertThat(report.path("ask").path("isError").asBoolean(false)).isFalse();
		assertThat(ask.path("answer").asString()).contains("[1]").containsIgnoringCase("eggs warm");
		assertThat(ask.path("sources").get(0).path("chunk").path("document_id").asString()).isEqualTo(docId);
		assertThat(ask.path("mode").asString()).isEqualTo("extractive");
		assertThat(ask.path("query_id").asString()).isNotBlank();

		// Bad input: tool errors carrying the problem detail POST /search answers for the same body.
		JsonNode restTopK = rest("POST", "/search", READER,
				Map.of("query", "How do penguins keep their eggs warm?", "top_k", 0)).json();
		assertSameProblem(report.path("invalidSearch"), restTopK, "urn:ragwell:problem:invalid-request", 400);
		assertThat(report.path("invalidSearch").path("structuredContent").path("errors").get(0).path("field").asString())
			.isEqualTo("top_k");
		JsonNode restFilter = rest("POST", "/search", READER,
				"{\"query\":\"x\",\"filters\":{\"year\":{\"$regex\":\"x\"}}}").json();
		assertSameProblem(report.path("badFilter"), restFilter, "urn:ragwell:problem:invalid-filter", 400);
		JsonNode restType = rest("POST", "/query", READER, "{\"query\":\"x\",\"top_k\":\"many\"}").json();
		assertSameProblem(report.path("wrongType"), restType, "urn:ragwell:problem:unreadable-body", 400);

		// Documents as resources, from a template, ids percent-encoded.
		assertThat(report.path("templates").get(0).path("uriTemplate").asString()).isEqualTo("ragwell://documents/{id}");
		JsonNode resource = report.path("resource");
		assertThat(resource.path("ok").asBoolean()).as(resource.toString()).isTrue();
		JsonNode contents = resource.path("value").path("contents").get(0);
		assertThat(contents.path("mimeType").asString()).isEqualTo("application/json");
		JsonNode document = RagwellHttp.JSON.readTree(contents.path("text").asString());
		assertThat(document.path("id").asString()).isEqualTo(docId);
		assertThat(document.path("content").asString()).isEqualTo(penguins);
		assertThat(document.path("metadata").path("topic").asString()).isEqualTo("birds");
		JsonNode missing = report.path("missingResource");
		assertThat(missing.path("ok").asBoolean()).isFalse();
		assertThat(missing.path("error").path("code").asInt()).isEqualTo(-32002);
		assertThat(missing.path("error").path("message").asString()).contains("does not exist");

		// A read-only key cannot write, through MCP either; nothing was written.
		JsonNode refused = report.path("readOnlyAdd");
		assertThat(refused.path("isError").asBoolean()).as(refused.toString()).isTrue();
		assertThat(refused.path("structuredContent").path("type").asString()).isEqualTo("urn:ragwell:problem:forbidden");
		assertThat(refused.path("structuredContent").path("status").asInt()).isEqualTo(403);
		assertThat(refused.path("structuredContent").path("detail").asString()).contains("'write'", "add_document");
		// An unknown tool is a protocol error, not a tool result.
		assertThat(report.path("unknownTool").path("ok").asBoolean()).isFalse();

		// A write key adds a document through MCP, and it is searchable at once.
		JsonNode added = report.path("add");
		assertThat(added.path("isError").asBoolean(false)).as(added.toString()).isFalse();
		assertThat(added.path("structuredContent").path("documents").get(0).path("status").asString())
			.isIn("created", "unchanged");
		assertThat(report.path("afterAdd").path("structuredContent").path("results").get(0).path("chunk")
			.path("document_id").asString()).isEqualTo("mcp-added");
		assertThat(rest("GET", "/documents/mcp-added", READER, null).status()).isEqualTo(200);

		// Another tenant's key learns nothing: the document is simply not there for it.
		JsonNode foreign = report.path("otherTenantResource");
		assertThat(foreign.path("ok").asBoolean()).isFalse();
		assertThat(foreign.path("error").path("code").asInt()).isEqualTo(-32002);
		List<String> foreignResults = chunkIds(report.path("otherTenantSearch").path("structuredContent"), "results");
		assertThat(foreignResults).noneMatch(id -> id.startsWith(docId) || id.startsWith("rivers#")
				|| id.startsWith("volcanoes#") || id.startsWith("mcp-added"));

		// No key: refused at the HTTP level before any MCP message is handled. (Unknown keys take the same filter;
		// they are not tried here, so this shared context's unknown-key budget stays with the tests of it.)
		assertThat(report.path("noKey").path("ok").asBoolean()).isFalse();
		assertThat(report.path("noKey").path("error").path("message").asString()).contains("401");
	}

	@Test
	@RequiresSharedData("datasets/scifact")
	void searchAndAskOverSciFactAbstractsAnswerWhatTheRestApiAnswers() {
		SciFact.Slice slice = SciFact.slice(5, 40);
		List<Map<String, Object>> documents = new ArrayList<>();
		slice.docs().forEach(doc -> documents.add(Map.of("id", "scifact-" + doc.id(), "content", doc.content())));
		ingest(documents);
		// A query whose relevant abstract the REST API ranks in its top 3 (hard SciFact queries miss it).
		String question = null;
		String relevantId = null;
		List<String> restTop = List.of();
		for (Map.Entry<String, String> query : slice.queries().entrySet()) {
			List<String> top = chunkIds(rest("POST", "/search", READER, Map.of("query", query.getValue(), "top_k", 3,
					"mode", "hybrid")).json(), "results");
			for (String relevant : slice.qrels().get(query.getKey())) {
				if (question == null && top.contains("scifact-" + relevant + "#0")) {
					question = query.getValue();
					relevantId = "scifact-" + relevant;
					restTop = top;
				}
			}
		}
		assertThat(question).as("a SciFact query of the slice whose relevant abstract ranks in the top 3").isNotNull();
		// Before the client runs: it adds a document, which changes the namespace's BM25 statistics.
		JsonNode restAnswer = rest("POST", "/query", READER, Map.of("query", question, "top_k", 3)).json();

		JsonNode report = runClient(question, relevantId, "mcp-added-scifact");

		List<String> found = chunkIds(report.path("search").path("structuredContent"), "results");
		assertThat(found).as("top 3 for '" + question + "'")
			.isEqualTo(restTop)
			.contains(relevantId + "#0");
		JsonNode ask = report.path("ask").path("structuredContent");
		assertThat(chunkIds(ask, "sources")).isEqualTo(chunkIds(restAnswer, "sources")).contains(relevantId + "#0");
		assertThat(ask.path("answer").asString()).isEqualTo(restAnswer.path("answer").asString()).contains("[");
		assertThat(RagwellHttp.JSON.readTree(report.path("resource").path("value").path("contents").get(0)
			.path("text").asString()).path("id").asString()).isEqualTo(relevantId);
	}

	private static List<String> chunkIds(JsonNode response, String field) {
		List<String> ids = new ArrayList<>();
		response.path(field).forEach(result -> ids.add(result.path("chunk").path("id").asString()));
		return ids;
	}

	private static JsonNode tool(JsonNode report, String name) {
		for (JsonNode tool : report.path("tools")) {
			if (tool.path("name").asString().equals(name)) {
				return tool;
			}
		}
		throw new AssertionError("no tool " + name);
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

	/** The tool error carries the problem detail the REST endpoint answered, member for member. */
	private static void assertSameProblem(JsonNode toolResult, JsonNode restProblem, String type, int status) {
		assertThat(toolResult.path("isError").asBoolean()).as(toolResult.toString()).isTrue();
		JsonNode problem = toolResult.path("structuredContent");
		assertThat(problem.path("type").asString()).isEqualTo(type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(restProblem.path("type").asString()).isEqualTo(type);
		assertThat(problem.path("title").asString()).isEqualTo(restProblem.path("title").asString());
		assertThat(problem.path("detail").asString()).isNotBlank().isEqualTo(restProblem.path("detail").asString());
		assertThat(problem.path("errors")).isEqualTo(restProblem.path("errors"));
		assertThat(toolResult.path("content").get(0).path("text").asString()).contains(restProblem.path("detail").asString());
	}

}
