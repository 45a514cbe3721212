package io.ragwell.store.pinecone;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.ragwell.store.remote.OpenApiValidator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful stand-in for a Pinecone serverless index: namespaces of vectors with metadata, upsert limits
 * (1000 vectors, 2 MB, 40 KB metadata, fixed dimension), brute-force cosine query with the Mongo-like filter,
 * list by prefix with pagination, fetch, delete by ids and index stats. Every request is checked against
 * {@code db_data_2025-10.oas.yaml} and must carry {@code Api-Key} (else 401) and
 * {@code X-Pinecone-Api-Version}; violations answer 400 rpcStatus and land in {@link #violations}.
 */
final class PineconeMock extends Dispatcher {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final OpenApiValidator spec;

	private final String apiKey;

	private final int dimension;

	private final JsonMapper json = JsonMapper.builder().build();

	final Map<String, TreeMap<String, ObjectNode>> namespaces = new ConcurrentHashMap<>();

	final List<String> violations = new CopyOnWriteArrayList<>();

	final List<Integer> upsertBatchSizes = new CopyOnWriteArrayList<>();

	final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	/** The next this-many requests answer 429 (no Retry-After, like Pinecone). */
	final AtomicInteger rateLimited = new AtomicInteger();

	/** Ids per list page. */
	volatile int listPageSize = 2;

	PineconeMock(OpenApiValidator spec, String apiKey, int dimension) {
		this.spec = spec;
		this.apiKey = apiKey;
		this.dimension = dimension;
	}

	@Override
	public synchronized MockResponse dispatch(RecordedRequest request) {
		this.requests.add(request);
		if (!this.apiKey.equals(request.getHeaders().get("Api-Key"))) {
			return rpc(401, 16, "Invalid API Key");
		}
		if (this.rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			return rpc(429, 8, "Request failed. You've exceeded your upsert requests per second limit of 100.");
		}
		String path = request.getUrl().encodedPath();
		if (request.getBodySize() > 2 * 1024 * 1024) {
			return violation("request body of " + request.getBodySize() + " bytes is over 2 MB");
		}
		JsonNode body = (request.getBodySize() > 0) ? this.json.readTree(request.getBody().utf8()) : null;
		Set<String> headers = new HashSet<>();
		request.getHeaders().names().forEach(name -> headers.add(name.toLowerCase(Locale.ROOT)));
		List<String> errors = this.spec.validate(request.getMethod(), path, headers,
				request.getUrl().queryParameterNames(), body);
		if (!errors.isEmpty()) {
			return violation(request.getMethod() + " " + path + ": " + errors);
		}
		return switch (path) {
			case "/vectors/upsert" -> upsert(body);
			case "/query" -> query(body);
			case "/vectors/delete" -> delete(body);
			case "/vectors/list" -> list(request);
			case "/vectors/fetch" -> fetch(request);
			case "/describe_index_stats" -> stats();
			default -> violation("no route " + path);
		};
	}

	private TreeMap<String, ObjectNode> namespace(String name) {
		return this.namespaces.computeIfAbsent(name, n -> new TreeMap<>());
	}

	private MockResponse upsert(JsonNode body) {
		JsonNode vectors = body.path("vectors");
		if (vectors.size() > 1000) {
			return violation("upsert of " + vectors.size() + " vectors, over 1000");
		}
		for (JsonNode vector : vectors) {
			if (vector.path("values").size() != this.dimension) {
				return rpc(400, 3, "Vector dimension " + vector.path("values").size()
						+ " does not match the dimension of the index " + this.dimension);
			}
			if (this.json.writeValueAsBytes(vector.path("metadata")).length > 40 * 1024) {
				return violation("metadata over 40 KB for " + vector.path("id").asString());
			}
			for (Map.Entry<String, JsonNode> entry : vector.path("metadata").properties()) {
				JsonNode value = entry.getValue();
				boolean ok = value.isString() || value.isNumber() || value.isBoolean()
						|| (value.isArray() && value.valueStream().allMatch(JsonNode::isString));
				if (!ok || entry.getKey().startsWith("$")) {
					return violation("metadata value not allowed: " + entry.getKey());
				}
			}
		}
		this.upsertBatchSizes.add(vectors.size());
		TreeMap<String, ObjectNode> target = namespace(body.path("namespace").asString(""));
		vectors.forEach(vector -> target.put(vector.path("id").asString(), (ObjectNode) vector.deepCopy()));
		return json(200, NODES.objectNode().put("upsertedCount", vectors.size()));
	}

	private MockResponse query(JsonNode body) {
		TreeMap<String, ObjectNode> target = namespace(body.path("namespace").asString(""));
		JsonNode query = body.path("vector");
		if (query.size() != this.dimension) {
			return rpc(400, 3, "Query vector dimension " + query.size() + " does not match the dimension of the index "
					+ this.dimension);
		}
		List<ObjectNode> hits = new ArrayList<>();
		for (ObjectNode vector : target.values()) {
			if (!body.has("filter") || matches(body.path("filter"), vector.path("metadata"))) {
				ObjectNode match = NODES.objectNode().put("id", vector.path("id").asString())
					.put("score", cosine(query, vector.path("values")));
				match.putArray("values");
				if (body.path("includeMetadata").asBoolean(false)) {
					match.set("metadata", vector.path("metadata"));
				}
				hits.add(match);
			}
		}
		hits.sort(Comparator.comparingDouble((ObjectNode hit) -> hit.path("score").doubleValue()).reversed());
		ObjectNode response = NODES.objectNode();
		response.putArray("results");
		ArrayNode matches = response.putArray("matches");
		hits.stream().limit(body.path("topK").asInt()).forEach(matches::add);
		response.put("namespace", body.path("namespace").asString(""));
		response.putObject("usage").put("readUnits", 5);
		return json(200, response);
	}

	private static double cosine(JsonNode a, JsonNode b) {
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (int i = 0; i < a.size(); i++) {
			dot += a.get(i).doubleValue() * b.get(i).doubleValue();
			na += a.get(i).doubleValue() * a.get(i).doubleValue();
			nb += b.get(i).doubleValue() * b.get(i).doubleValue();
		}
		return dot / Math.sqrt(na * nb);
	}

	private boolean matches(JsonNode filter, JsonNode metadata) {
		for (Map.Entry<String, JsonNode> entry : filter.properties()) {
			String key = entry.getKey();
			JsonNode condition = entry.getValue();
			boolean ok = switch (key) {
				case "$and" -> condition.valueStream().allMatch(child -> matches(child, metadata));
				case "$or" -> condition.valueStream().anyMatch(child -> matches(child, metadata));
				default -> {
					if (key.startsWith("$")) {
						throw new IllegalArgumentException("unknown operator " + key);
					}
					yield field(condition.isObject() ? condition : NODES.objectNode().set("$eq", condition),
							metadata.path(key));
				}
			};
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static boolean field(JsonNode condition, JsonNode value) {
		List<JsonNode> values = new ArrayList<>();
		if (value.isArray()) {
			value.forEach(values::add);
		}
		else if (!value.isMissingNode()) {
			values.add(value);
		}
		for (Map.Entry<String, JsonNode> entry : condition.properties()) {
			JsonNode operand = entry.getValue();
			boolean ok = switch (entry.getKey()) {
				case "$eq" -> values.stream().anyMatch(v -> same(v, operand));
				case "$ne" -> values.stream().noneMatch(v -> same(v, operand));
				case "$in" -> values.stream().anyMatch(v -> operand.valueStream().anyMatch(o -> same(v, o)));
				case "$nin" -> values.stream().noneMatch(v -> operand.valueStream().anyMatch(o -> same(v, o)));
				case "$gt" -> values.stream().anyMatch(v -> v.isNumber() && v.doubleValue() > operand.doubleValue());
				case "$gte" -> values.stream().anyMatch(v -> v.isNumber() && v.doubleValue() >= operand.doubleValue());
				case "$lt" -> values.stream().anyMatch(v -> v.isNumber() && v.doubleValue() < operand.doubleValue());
				case "$lte" -> values.stream().anyMatch(v -> v.isNumber() && v.doubleValue() <= operand.doubleValue());
				default -> throw new IllegalArgumentException("unknown operator " + entry.getKey());
			};
			if (entry.getKey().matches("\\$(gt|gte|lt|lte)") && !operand.isNumber()) {
				throw new IllegalArgumentException("range operator on a non-number");
			}
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static boolean same(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.doubleValue() == b.doubleValue();
		}
		return a.equals(b);
	}

	private MockResponse delete(JsonNode body) {
		TreeMap<String, ObjectNode> target = namespace(body.path("namespace").asString(""));
		if (body.path("ids").size() > 1000) {
			return violation("delete of more than 1000 ids");
		}
		body.path("ids").forEach(id -> target.remove(id.asString()));
		return json(200, NODES.objectNode());
	}

	private MockResponse list(RecordedRequest request) {
		String namespace = request.getUrl().queryParameter("namespace");
		String prefix = request.getUrl().queryParameter("prefix");
		String token = request.getUrl().queryParameter("paginationToken");
		int offset = (token == null) ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(token)));
		List<String> ids = namespace((namespace == null) ? "" : namespace).keySet().stream()
			.filter(id -> prefix == null || id.startsWith(prefix))
			.toList();
		int pageSize = Math.min(this.listPageSize, Integer.parseInt(request.getUrl().queryParameter("limit")));
		ObjectNode response = NODES.objectNode();
		ArrayNode vectors = response.putArray("vectors");
		ids.stream().skip(offset).limit(pageSize).forEach(id -> vectors.addObject().put("id", id));
		if (offset + pageSize < ids.size()) {
			response.putObject("pagination")
				.put("next", Base64.getEncoder().encodeToString(String.valueOf(offset + pageSize).getBytes()));
		}
		response.put("namespace", namespace).putObject("usage").put("readUnits", 1);
		return json(200, response);
	}

	private MockResponse fetch(RecordedRequest request) {
		String namespace = request.getUrl().queryParameter("namespace");
		TreeMap<String, ObjectNode> target = namespace((namespace == null) ? "" : namespace);
		ObjectNode response = NODES.objectNode();
		ObjectNode vectors = response.putObject("vectors");
		for (String id : request.getUrl().queryParameterValues("ids")) {
			ObjectNode vector = target.get(id);
			if (vector != null) {
				vectors.set(id, vector);
			}
		}
		response.put("namespace", namespace).putObject("usage").put("readUnits", 1);
		return json(200, response);
	}

	private MockResponse stats() {
		ObjectNode response = NODES.objectNode();
		ObjectNode namespaces = response.putObject("namespaces");
		long total = 0;
		for (Map.Entry<String, TreeMap<String, ObjectNode>> entry : this.namespaces.entrySet()) {
			if (!entry.getValue().isEmpty()) {
				namespaces.putObject(entry.getKey()).put("vectorCount", entry.getValue().size());
				total += entry.getValue().size();
			}
		}
		response.put("indexFullness", 0).put("totalVectorCount", total).put("dimension", this.dimension)
			.put("metric", "cosine").put("vectorType", "dense");
		return json(200, response);
	}

	private MockResponse violation(String message) {
		this.violations.add(message);
		return rpc(400, 3, "mock: request violates the Pinecone contract: " + message);
	}

	private MockResponse rpc(int status, int code, String message) {
		ObjectNode body = NODES.objectNode().put("code", code).put("message", message);
		body.putArray("details");
		return json(status, body);
	}

	private MockResponse json(int status, @Nullable JsonNode body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
			.body(this.json.writeValueAsString(body)).build();
	}

}
