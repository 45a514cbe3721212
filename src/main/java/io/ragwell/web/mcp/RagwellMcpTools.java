package io.ragwell.web.mcp;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.NotFoundException;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.DocumentView;
import io.ragwell.ingest.IngestService;
import io.ragwell.query.RagService;
import io.ragwell.query.plan.QueryRequest;
import io.ragwell.web.Problems;
import io.ragwell.web.security.AccessDeniedException;
import io.ragwell.web.security.AuthenticationException;
import io.ragwell.web.security.SecurityProperties.Scope;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;

/**
 * Ragwell's MCP tools and resources, thin like the REST controllers: each turns its arguments into the REST
 * request record with the application's JSON mapper, checks the caller's scope, and calls the same service. A
 * failure becomes a tool result with {@code isError: true} whose structured content is the problem detail the
 * REST endpoint would answer (same type, detail and {@code errors}), never a transport error; resource reads,
 * which have no error result in MCP, fail with a JSON-RPC error carrying the same problem detail as data.
 */
final class RagwellMcpTools {

	static final String DOCUMENT_URI_PREFIX = "ragwell://documents/";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final Map<String, String> QUERY_DESCRIPTIONS = Map.of("query", "The question or search text.",
			"top_k", "How many chunks to return (1 to the server's max-top-k, 50 by default; default 5).", "filters",
			"Metadata filter: {\"field\": value}, {\"field\": [values]}, {\"field\": {\"$gte\": 2020}} with $eq $ne $in "
					+ "$nin $gt $gte $lt $lte, combined with $and / $or. Fields are metadata keys, document_id and source.",
			"mode", "Retrieval: dense, sparse (BM25) or hybrid (default).", "fusion",
			"Hybrid fusion: weighted or rrf (default: the server's setting).", "alpha",
			"Dense weight of weighted fusion, 0 to 1.", "rrf_k", "Reciprocal rank fusion constant, 1 to 10000.");

	private static final Map<String, String> DOCUMENT_DESCRIPTIONS = Map.of("id",
			"Document id; generated when absent. Re-adding an id replaces that document.", "content",
			"The document text.", "metadata",
			"Filterable metadata: string, number and boolean values, or lists of those.", "source",
			"Where the text came from (a path or URL).", "documents",
			"A batch of documents instead of one (all-or-nothing at validation).");

	private final RagService rag;

	private final IngestService ingest;

	private final Problems problems;

	private final JsonMapper json;

	RagwellMcpTools(RagService rag, IngestService ingest, Problems problems, JsonMapper json) {
		this.rag = rag;
		this.ingest = ingest;
		this.problems = problems;
		this.json = json;
	}

	List<SyncToolSpecification> tools() {
		Map<String, Object> querySchema = RequestSchema.of(QueryRequest.class, this.json, QUERY_DESCRIPTIONS,
				List.of("query"));
		Map<String, Object> documentSchema = RequestSchema.of(DocumentInput.class, this.json, DOCUMENT_DESCRIPTIONS,
				List.of());
		return List.of(
				tool("search", "Search the knowledge base",
						"Ranked chunks for a query, without an answer: each with its chunk id, document id, text, "
								+ "score and rank (and the dense and sparse scores behind a hybrid score). Needs read.",
						querySchema, true, (call, args) -> {
							call.caller().require(Scope.READ, "the MCP tool 'search'");
							return this.rag.search(call.namespace(), this.json.convertValue(args, QueryRequest.class));
						}),
				tool("ask", "Ask the knowledge base",
						"An answer grounded in the knowledge base, with [n] citations into its numbered sources "
								+ "(chunk id, document id, text, score). Needs read.",
						querySchema, true, (call, args) -> {
							call.caller().require(Scope.READ, "the MCP tool 'ask'");
							return this.rag.query(call.namespace(), this.json.convertValue(args, QueryRequest.class));
						}),
				tool("add_document", "Add a document",
						"Adds (or replaces, by id) a document: chunked, embedded and searchable when this returns. "
								+ "Needs a key with the write scope.",
						documentSchema, false, (call, args) -> {
							call.caller().require(Scope.WRITE, "the MCP tool 'add_document'");
							DocumentInput input = this.json.convertValue(args, DocumentInput.class);
							return Map.of("documents", this.ingest.ingest(call.namespace(), input));
						}));
	}

	SyncResourceTemplateSpecification documents() {
		McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate
			.builder(DOCUMENT_URI_PREFIX + "{id}", "document")
			.title("Ragwell document")
			.description("A document of the caller's namespace as GET /documents/{id} returns it: id, content, "
					+ "metadata, source, timestamps and chunk count. Ids are percent-encoded in the URI.")
			.mimeType("application/json")
			.build();
		return new SyncResourceTemplateSpecification(template, this::readDocument);
	}

	private ReadResourceResult readDocument(McpTransportContext context, ReadResourceRequest request) {
		String uri = request.uri();
		try {
			McpCall call = McpCall.of(context);
			call.caller().require(Scope.READ, "reading MCP resources");
			DocumentView view = this.ingest.get(call.namespace(), documentId(uri));
			return ReadResourceResult
				.builder(List.of(McpSchema.TextResourceContents.builder(uri, this.json.writeValueAsString(view))
					.mimeType("application/json")
					.build()))
				.build();
		}
		catch (RuntimeException ex) {
			ProblemDetail problem = this.problems.of(ex, McpConfiguration.ENDPOINT);
			int code = switch (ex) {
				case NotFoundException notFound -> McpSchema.ErrorCodes.RESOURCE_NOT_FOUND;
				case InvalidRequestException invalid -> McpSchema.ErrorCodes.INVALID_PARAMS;
				case AccessDeniedException denied -> McpSchema.ErrorCodes.INVALID_REQUEST;
				case AuthenticationException unauthenticated -> McpSchema.ErrorCodes.INVALID_REQUEST;
				default -> McpSchema.ErrorCodes.INTERNAL_ERROR;
			};
			throw McpError.builder(code)
				.message(String.valueOf(problem.getDetail()))
				.data(Map.of("uri", uri, "problem", Problems.members(problem)))
				.build();
		}
	}

	/** The URI of a document, its id percent-encoded (RFC 6570 simple expansion). */
	static String documentUri(String id) {
		return DOCUMENT_URI_PREFIX + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String documentId(String uri) {
		String encoded = uri.substring(DOCUMENT_URI_PREFIX.length());
		try {
			// '+' is a literal plus in a URI path, not a space.
			return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-request", "uri",
					"the document id in '" + uri + "' has a malformed percent escape");
		}
	}

	private interface Handler {

		Object handle(McpCall call, Map<String, Object> arguments);

	}

	private SyncToolSpecification tool(String name, String title, String description, Map<String, Object> schema,
			boolean readOnly, Handler handler) {
		McpSchema.Tool tool = McpSchema.Tool.builder(name, schema)
			.title(title)
			.description(description)
			.annotations(readOnly ? new McpSchema.ToolAnnotations(title, true, false, true, false, null)
					// Re-adding an id replaces the document (destructive); adding the same text twice changes nothing.
					: new McpSchema.ToolAnnotations(title, false, true, true, false, null))
			.build();
		return SyncToolSpecification.builder()
			.tool(tool)
			.callHandler((context, request) -> call(context, request, handler))
			.build();
	}

	private CallToolResult call(McpTransportContext context, CallToolRequest request, Handler handler) {
		Map<String, Object> arguments = (request.arguments() != null) ? request.arguments() : Map.of();
		return result(() -> handler.handle(McpCall.of(context), arguments));
	}

	/** The structured result is the REST response's JSON; the text block repeats it, as MCP recommends. */
	private CallToolResult result(Supplier<Object> work) {
		try {
			Map<String, Object> structured = this.json.convertValue(work.get(), MAP);
			return CallToolResult.builder()
				.addTextContent(this.json.writeValueAsString(structured))
				.structuredContent(structured)
				.isError(false)
				.build();
		}
		catch (RuntimeException ex) {
			ProblemDetail problem = this.problems.of(ex, McpConfiguration.ENDPOINT);
			Map<String, Object> members = Problems.members(problem);
			return CallToolResult.builder()
				.addTextContent(problem.getTitle() + " (" + problem.getStatus() + "): " + problem.getDetail())
				.structuredContent(members)
				.isError(true)
				.build();
		}
	}

}
