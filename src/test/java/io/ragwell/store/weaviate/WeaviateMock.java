package io.ragwell.store.weaviate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ragwell.store.remote.OpenApiValidator;
import io.ragwell.store.weaviate.GraphQl.EnumValue;
import io.ragwell.store.weaviate.GraphQl.Field;
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
 * A stateful stand-in for Weaviate behind MockWebServer: classes, objects with vectors, batch upsert with
 * per-object results (HTTP 200 even for failures), batch delete by {@code where} with a per-call limit, and
 * GraphQL {@code Get} (nearVector by brute-force cosine, bm25, hybrid with relative-score fusion, where) and
 * {@code Aggregate} counts, with GraphQL errors answered as HTTP 200. Every request is checked against the
 * official {@code openapi.json}; GraphQL bodies are parsed and their {@code where} checked against the spec's
 * {@code WhereFilter}. Violations are answered with 422 and collected in {@link #violations()}.
 *
 * <p>BM25 is computed as Weaviate does it per shard, with one shard per class: document frequencies and the
 * average {@code text} length come from every object of the queried class (not only those passing the
 * {@code where} filter), so a store that put several tenants in one class would see one tenant's corpus move
 * another's scores; {@code k1 = 1.2}, {@code b = 0.75}, lower-cased word tokens.
 */
final class WeaviateMock extends Dispatcher {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> SEARCH_ARGUMENTS = Set.of("nearVector", "bm25", "hybrid");

	private final OpenApiValidator spec;

	private final JsonMapper json = JsonMapper.builder().build();

	private final @Nullable String apiKey;

	final Map<String, ObjectNode> classes = new ConcurrentHashMap<>();

	/** class → uuid → object {class, id, properties, vector}. */
	final Map<String, Map<String, ObjectNode>> objects = new ConcurrentHashMap<>();

	final List<String> violations = new CopyOnWriteArrayList<>();

	final List<String> graphQlQueries = new CopyOnWriteArrayList<>();

	/** Objects deleted per batch-delete call at most (Weaviate's QUERY_MAXIMUM_RESULTS). */
	volatile int deleteLimit = 10_000;

	/** When set, batch objects whose text contains it fail with this HNSW message. */
	volatile @Nullable String failObjectsContaining;

	volatile boolean ready = true;

	/** When set, every GraphQL Get answers this error (HTTP 200). */
	volatile @Nullable String graphQlError;

	WeaviateMock(OpenApiValidator spec, @Nullable String apiKey) {
		this.spec = spec;
		this.apiKey = apiKey;
	}

	List<String> violations() {
		return this.violations;
	}

	@Override
	public synchronized MockResponse dispatch(RecordedRequest request) {
		String method = request.getMethod();
		String path = request.getUrl().encodedPath();
		if (this.apiKey != null && !("Bearer " + this.apiKey).equals(request.getHeaders().get("Authorization"))) {
			return new MockResponse.Builder().code(401).build();
		}
		JsonNode body = null;
		if (request.getBodySize() > 0) {
			body = this.json.readTree(request.getBody().utf8());
		}
		Set<String> headers = new HashSet<>();
		request.getHeaders().names().forEach(name -> headers.add(name.toLowerCase(Locale.ROOT)));
		List<String> errors = this.spec.validate(method, path, headers, request.getUrl().queryParameterNames(), body);
		if (!errors.isEmpty()) {
			return violation(method + " " + path + ": " + errors);
		}
		List<String> segments = request.getUrl().pathSegments();
		try {
			return switch (method + " " + String.join("/", segments.subList(1, segments.size()))) {
				case "GET .well-known/ready" -> new MockResponse.Builder().code(this.ready ? 200 : 503).build();
				case "GET schema" -> schema();
				case "POST schema" -> createClass((ObjectNode) body);
				case "POST batch/objects" -> batchUpsert(body);
				case "DELETE batch/objects" -> batchDelete(body);
				case "POST graphql" -> graphQl(body);
				default -> route(method, segments, body);
			};
		}
		catch (GraphQl.SyntaxError ex) {
			return violation("GraphQL syntax: " + ex.getMessage());
		}
	}

	private MockResponse route(String method, List<String> segments, @Nullable JsonNode body) {
		if (segments.size() == 3 && segments.get(1).equals("schema") && method.equals("GET")) {
			ObjectNode found = this.classes.get(segments.get(2));
			return (found == null) ? new MockResponse.Builder().code(404).build() : json(200, found);
		}
		if (segments.size() == 4 && segments.get(1).equals("schema") && segments.get(3).equals("properties")) {
			ObjectNode found = this.classes.get(segments.get(2));
			if (found == null) {
				return error(404, "class not found");
			}
			String name = body.path("name").asString();
			for (JsonNode property : found.path("properties")) {
				if (property.path("name").asString().equals(name)) {
					return error(422, "property " + name + " already exists");
				}
			}
			((ArrayNode) found.withArray("properties")).add(body);
			return json(200, body);
		}
		if (segments.size() == 4 && segments.get(1).equals("objects")) {
			Map<String, ObjectNode> ofClass = this.objects.getOrDefault(segments.get(2), Map.of());
			ObjectNode object = ofClass.get(segments.get(3));
			if (object == null) {
				return new MockResponse.Builder().code(404).build();
			}
			if (method.equals("DELETE")) {
				ofClass.remove(segments.get(3));
				return new MockResponse.Builder().code(204).build();
			}
			ObjectNode copy = object.deepCopy();
			copy.remove("vector");
			return json(200, copy);
		}
		return violation("mock has no route for " + method + " " + segments);
	}

	/** {@code GET /v1/schema}: {@code {"classes": [...]}}. */
	private MockResponse schema() {
		ObjectNode schema = NODES.objectNode();
		ArrayNode classes = schema.putArray("classes");
		this.classes.values().forEach(classes::add);
		return json(200, schema);
	}

	private MockResponse createClass(ObjectNode definition) {
		String name = definition.path("class").asString();
		if (this.classes.containsKey(name)) {
			return error(422, "class name " + name + " already exists");
		}
		if (!Character.isUpperCase(name.charAt(0))) {
			return error(422, "class names must start with an upper-case letter");
		}
		this.classes.put(name, definition.deepCopy());
		this.objects.put(name, new ConcurrentHashMap<>());
		return json(200, definition);
	}

	private MockResponse batchUpsert(JsonNode body) {
		ArrayNode results = NODES.arrayNode();
		for (JsonNode object : body.path("objects")) {
			ObjectNode echo = ((ObjectNode) object).deepCopy();
			String className = object.path("class").asString();
			String failure = null;
			Map<String, ObjectNode> ofClass = this.objects.get(className);
			if (ofClass == null) {
				failure = "class '" + className + "' not found in schema";
			}
			else {
				int length = object.path("vector").size();
				Integer existing = ofClass.values().stream().map(o -> o.path("vector").size()).filter(n -> n > 0)
					.findFirst().orElse(null);
				String fail = this.failObjectsContaining;
				if (fail != null && object.path("properties").path("text").asString("").contains(fail)) {
					failure = "new node has a vector with length " + length + ". Existing nodes have vectors with length "
							+ (length + 1);
				}
				else if (length > 0 && existing != null && existing != length) {
					failure = "new node has a vector with length " + length + ". Existing nodes have vectors with length "
							+ existing;
				}
				else {
					failure = checkProperties(className, object.path("properties"));
				}
			}
			ObjectNode result = echo.putObject("result");
			if (failure == null) {
				ofClass.put(object.path("id").asString(), ((ObjectNode) object).deepCopy());
				echo.put("creationTimeUnix", 1732451200123L).put("lastUpdateTimeUnix", 1732451200123L);
				result.put("status", "SUCCESS");
			}
			else {
				result.put("status", "FAILED");
				result.putObject("errors").putArray("error").addObject().put("message", failure);
			}
			results.add(echo);
		}
		return json(200, results);
	}

	/** Without auto-schema, an unknown property fails the object. */
	private @Nullable String checkProperties(String className, JsonNode properties) {
		for (Map.Entry<String, JsonNode> entry : properties.properties()) {
			if (dataType(className, entry.getKey()) == null) {
				return "no such prop with name '" + entry.getKey() + "' found in class '" + className + "' in the schema";
			}
		}
		return null;
	}

	private @Nullable String dataType(String className, String property) {
		for (JsonNode candidate : this.classes.get(className).path("properties")) {
			if (candidate.path("name").asString().equals(property)) {
				return candidate.path("dataType").path(0).asString();
			}
		}
		return null;
	}

	private MockResponse batchDelete(JsonNode body) {
		String className = body.path("match").path("class").asString();
		JsonNode where = body.path("match").path("where");
		Map<String, ObjectNode> ofClass = this.objects.get(className);
		if (ofClass == null) {
			return error(422, "class " + className + " not found");
		}
		List<String> matching = new ArrayList<>();
		for (ObjectNode object : ofClass.values()) {
			if (matches(className, where, object.path("properties"))) {
				matching.add(object.path("id").asString());
			}
		}
		List<String> deleted = matching.subList(0, Math.min(matching.size(), this.deleteLimit));
		if (!body.path("dryRun").asBoolean(false)) {
			deleted.forEach(ofClass::remove);
		}
		ObjectNode response = NODES.objectNode();
		response.set("match", body.path("match"));
		response.put("output", body.path("output").asString("minimal")).put("dryRun", body.path("dryRun").asBoolean());
		response.putObject("results")
			.put("matches", deleted.size())
			.put("limit", this.deleteLimit)
			.put("successful", deleted.size())
			.put("failed", 0)
			.putArray("objects");
		return json(200, response);
	}

	// ---- where ----------------------------------------------------------------------------------------------

	private boolean matches(String className, JsonNode where, JsonNode properties) {
		String operator = where.path("operator").asString();
		if (operator.equals("And") || operator.equals("Or")) {
			boolean and = operator.equals("And");
			for (JsonNode operand : where.path("operands")) {
				if (matches(className, operand, properties) != and) {
					return !and;
				}
			}
			return and;
		}
		String property = where.path("path").path(0).asString();
		String dataType = dataType(className, property);
		if (dataType == null) {
			throw new WhereError("no such prop with name '" + property + "' found in class '" + className
					+ "' in the schema. Check your schema files for which properties in this class are available");
		}
		String base = WeaviateFilterConverter.baseType(dataType);
		JsonNode operand;
		if (where.has("valueText")) {
			operand = where.path("valueText");
			requireType(base, "text", property, dataType);
		}
		else if (where.has("valueBoolean")) {
			operand = where.path("valueBoolean");
			requireType(base, "boolean", property, dataType);
		}
		else if (where.has("valueNumber")) {
			operand = where.path("valueNumber");
			requireType(dataType, "number", property, dataType);
		}
		else if (where.has("valueInt")) {
			operand = where.path("valueInt");
			requireType(dataType.replace("[]", ""), "int", property, dataType);
		}
		else {
			throw new WhereError("where filter on '" + property + "' has no supported value");
		}
		JsonNode value = properties.path(property);
		List<JsonNode> values = new ArrayList<>();
		if (value.isArray()) {
			value.forEach(values::add);
		}
		else if (!value.isMissingNode() && !value.isNull()) {
			values.add(value);
		}
		return switch (operator) {
			case "Equal" -> values.stream().anyMatch(v -> compare(v, operand) == 0);
			case "NotEqual" -> values.stream().noneMatch(v -> compare(v, operand) == 0);
			case "GreaterThan" -> values.stream().anyMatch(v -> compare(v, operand) > 0);
			case "GreaterThanEqual" -> values.stream().anyMatch(v -> compare(v, operand) >= 0);
			case "LessThan" -> values.stream().anyMatch(v -> compare(v, operand) < 0);
			case "LessThanEqual" -> values.stream().anyMatch(v -> compare(v, operand) <= 0);
			default -> throw new WhereError("mock does not implement operator " + operator);
		};
	}

	private static void requireType(String actual, String expected, String property, String dataType) {
		if (!actual.startsWith(expected)) {
			throw new WhereError("data type filter cannot use value" + expected + " on type " + dataType
					+ " of property '" + property + "'");
		}
	}

	private static int compare(JsonNode value, JsonNode operand) {
		if (value.isNumber() && operand.isNumber()) {
			return Double.compare(value.doubleValue(), operand.doubleValue());
		}
		if (value.isBoolean() && operand.isBoolean()) {
			return Boolean.compare(value.booleanValue(), operand.booleanValue());
		}
		return value.asString().compareTo(operand.asString());
	}

	static final class WhereError extends RuntimeException {

		WhereError(String message) {
			super(message);
		}

	}

	// ---- GraphQL --------------------------------------------------------------------------------------------

	private MockResponse graphQl(JsonNode body) {
		if (!body.path("query").isString() || body.path("query").stringValue().isBlank()) {
			return error(422, "query must not be empty");
		}
		String query = body.path("query").stringValue();
		this.graphQlQueries.add(query);
		List<Field> operations = GraphQl.parse(query);
		ObjectNode data = NODES.objectNode();
		try {
			for (Field operation : operations) {
				ObjectNode out = data.putObject(operation.name());
				for (Field classField : operation.selections()) {
					switch (operation.name()) {
						case "Get" -> out.set(classField.name(), get(classField));
						case "Aggregate" -> out.set(classField.name(), aggregate(classField));
						default -> {
							return violation("unknown GraphQL root field " + operation.name());
						}
					}
				}
			}
		}
		catch (WhereError ex) {
			return graphQlError(ex.getMessage());
		}
		catch (ShapeError ex) {
			return violation(ex.getMessage());
		}
		ObjectNode response = NODES.objectNode();
		response.set("data", data);
		return json(200, response);
	}

	static final class ShapeError extends RuntimeException {

		ShapeError(String message) {
			super(message);
		}

	}

	private ArrayNode get(Field classField) {
		String className = classField.name();
		if (!this.classes.containsKey(className)) {
			throw new ShapeError("Cannot query field \"" + className + "\" on type \"GetObjectsObj\".");
		}
		Map<String, Object> arguments = classField.arguments();
		for (String argument : arguments.keySet()) {
			if (!SEARCH_ARGUMENTS.contains(argument) && !argument.equals("where") && !argument.equals("limit")) {
				throw new ShapeError("Unknown argument \"" + argument + "\" on field \"" + className + "\"");
			}
		}
		if (arguments.keySet().stream().filter(SEARCH_ARGUMENTS::contains).count() > 1) {
			throw new ShapeError("only one of nearVector, bm25, hybrid per Get");
		}
		String error = this.graphQlError;
		if (error != null) {
			throw new WhereError(error);
		}
		JsonNode where = null;
		if (arguments.containsKey("where")) {
			where = this.json.valueToTree(plain(arguments.get("where")));
			List<String> errors = this.spec.validateDefinition(where, "WhereFilter");
			if (!errors.isEmpty()) {
				throw new ShapeError("where violates WhereFilter: " + errors);
			}
		}
		int limit = arguments.containsKey("limit") ? ((BigDecimal) arguments.get("limit")).intValueExact() : 10;
		List<ObjectNode> candidates = new ArrayList<>();
		for (ObjectNode object : this.objects.get(className).values()) {
			if (where == null || matches(className, where, object.path("properties"))) {
				candidates.add(object);
			}
		}
		List<Hit> hits = rank(className, arguments, candidates);
		ArrayNode out = NODES.arrayNode();
		for (Hit hit : hits.subList(0, Math.min(limit, hits.size()))) {
			out.add(render(classField, hit));
		}
		return out;
	}

	private record Hit(ObjectNode object, @Nullable Double distance, @Nullable Double score) {
	}

	@SuppressWarnings("unchecked")
	private List<Hit> rank(String className, Map<String, Object> arguments, List<ObjectNode> candidates) {
		if (arguments.get("nearVector") instanceof Map<?, ?> nearVector) {
			checkKeys(nearVector, Set.of("vector", "distance", "certainty"), "nearVector");
			float[] query = vector(nearVector.get("vector"));
			List<Hit> hits = new ArrayList<>();
			for (ObjectNode object : candidates) {
				hits.add(new Hit(object, 1.0 - cosine(query, object.path("vector")), null));
			}
			hits.sort(Comparator.comparingDouble(Hit::distance));
			return hits;
		}
		if (arguments.get("bm25") instanceof Map<?, ?> bm25) {
			checkKeys(bm25, Set.of("query", "properties"), "bm25");
			return bm25((String) bm25.get("query"), className, candidates);
		}
		if (arguments.get("hybrid") instanceof Map<?, ?> hybrid) {
			checkKeys(hybrid, Set.of("query", "vector", "alpha", "fusionType", "properties"), "hybrid");
			double alpha = hybrid.containsKey("alpha") ? ((BigDecimal) hybrid.get("alpha")).doubleValue() : 0.75;
			float[] query = vector(hybrid.get("vector"));
			Map<ObjectNode, Double> fused = new LinkedHashMap<>();
			// relativeScoreFusion: min-max normalise each list, weighted sum.
			List<Hit> sparse = bm25((String) hybrid.get("query"), className, candidates);
			Map<ObjectNode, Double> dense = new LinkedHashMap<>();
			candidates.forEach(object -> dense.put(object, cosine(query, object.path("vector"))));
			normalise(dense).forEach((object, score) -> fused.merge(object, alpha * score, Double::sum));
			Map<ObjectNode, Double> sparseScores = new LinkedHashMap<>();
			sparse.forEach(hit -> sparseScores.put(hit.object(), hit.score()));
			normalise(sparseScores).forEach((object, score) -> fused.merge(object, (1 - alpha) * score, Double::sum));
			List<Hit> hits = new ArrayList<>();
			fused.forEach((object, score) -> hits.add(new Hit(object, null, score)));
			hits.sort(Comparator.comparingDouble(Hit::score).reversed());
			return hits;
		}
		List<Hit> hits = new ArrayList<>();
		candidates.forEach(object -> hits.add(new Hit(object, null, null)));
		return hits;
	}

	private static void checkKeys(Map<?, ?> argument, Set<String> allowed, String name) {
		for (Object key : argument.keySet()) {
			if (!allowed.contains(key)) {
				throw new ShapeError("Unknown field \"" + key + "\" in " + name);
			}
		}
	}

	private static Map<ObjectNode, Double> normalise(Map<ObjectNode, Double> scores) {
		if (scores.isEmpty()) {
			return scores;
		}
		double min = Collections.min(scores.values());
		double max = Collections.max(scores.values());
		Map<ObjectNode, Double> out = new LinkedHashMap<>();
		scores.forEach((object, score) -> out.put(object, (max == min) ? 1.0 : (score - min) / (max - min)));
		return out;
	}

	private List<Hit> bm25(String query, String className, List<ObjectNode> candidates) {
		Map<ObjectNode, List<String>> tokens = new HashMap<>();
		double totalLength = 0;
		List<ObjectNode> all = new ArrayList<>(this.objects.get(className).values());
		for (ObjectNode object : all) {
			List<String> words = tokens(object.path("properties").path("text").asString(""));
			tokens.put(object, words);
			totalLength += words.size();
		}
		double averageLength = all.isEmpty() ? 1 : totalLength / all.size();
		List<Hit> hits = new ArrayList<>();
		for (ObjectNode object : candidates) {
			List<String> words = tokens.get(object);
			double score = 0;
			for (String term : new HashSet<>(tokens(query))) {
				long frequency = words.stream().filter(term::equals).count();
				if (frequency == 0) {
					continue;
				}
				long containing = all.stream().filter(o -> tokens.get(o).contains(term)).count();
				double idf = Math.log(1 + (all.size() - containing + 0.5) / (containing + 0.5));
				score += idf * frequency * 2.2 / (frequency + 1.2 * (0.25 + 0.75 * words.size() / averageLength));
			}
			if (score > 0) {
				hits.add(new Hit(object, null, score));
			}
		}
		hits.sort(Comparator.comparingDouble(Hit::score).reversed());
		return hits;
	}

	private static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (!token.isEmpty()) {
				tokens.add(token);
			}
		}
		return tokens;
	}

	private ObjectNode render(Field classField, Hit hit) {
		ObjectNode out = NODES.objectNode();
		JsonNode properties = hit.object().path("properties");
		for (Field selection : classField.selections()) {
			if (selection.name().equals("_additional")) {
				ObjectNode additional = out.putObject("_additional");
				for (Field extra : selection.selections()) {
					switch (extra.name()) {
						case "id" -> additional.put("id", hit.object().path("id").asString());
						case "distance" -> {
							if (hit.distance() == null) {
								additional.putNull("distance");
							}
							else {
								additional.put("distance", hit.distance().floatValue());
							}
						}
						// A GraphQL String in Weaviate.
						case "score" -> additional.put("score", (hit.score() == null) ? null
								: String.valueOf(hit.score().floatValue()));
						case "vector" -> additional.set("vector", hit.object().path("vector"));
						default -> throw new ShapeError("Cannot query field \"" + extra.name() + "\" on _additional");
					}
				}
			}
			else if (dataType(classField.name(), selection.name()) == null) {
				throw new ShapeError("Cannot query field \"" + selection.name() + "\" on type \"" + classField.name()
						+ "\".");
			}
			else {
				JsonNode value = properties.path(selection.name());
				out.set(selection.name(), value.isMissingNode() ? NODES.nullNode() : value);
			}
		}
		return out;
	}

	private ArrayNode aggregate(Field classField) {
		if (!this.classes.containsKey(classField.name())) {
			throw new ShapeError("Cannot query field \"" + classField.name() + "\" on type \"AggregateObjectsObj\".");
		}
		Field meta = classField.selection("meta");
		if (meta == null || meta.selection("count") == null) {
			throw new ShapeError("Aggregate must select meta { count }");
		}
		ArrayNode out = NODES.arrayNode();
		out.addObject().putObject("meta").put("count", this.objects.get(classField.name()).size());
		return out;
	}

	private static float[] vector(Object value) {
		if (!(value instanceof List<?> list)) {
			throw new ShapeError("vector must be a list of floats");
		}
		float[] vector = new float[list.size()];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = ((BigDecimal) list.get(i)).floatValue();
		}
		return vector;
	}

	private static double cosine(float[] query, JsonNode vector) {
		if (vector.size() != query.length) {
			throw new WhereError("vector lengths don't match: " + vector.size() + " vs " + query.length);
		}
		double dot = 0;
		double a = 0;
		double b = 0;
		for (int i = 0; i < query.length; i++) {
			double v = vector.get(i).doubleValue();
			dot += query[i] * v;
			a += query[i] * query[i];
			b += v * v;
		}
		return dot / Math.sqrt(a * b);
	}

	/** GraphQL values as plain JSON: enums become strings (the REST form of a where filter). */
	private static Object plain(Object value) {
		return switch (value) {
			case EnumValue enumValue -> enumValue.name();
			case Map<?, ?> map -> {
				Map<String, Object> out = new LinkedHashMap<>();
				map.forEach((key, child) -> out.put((String) key, plain(child)));
				yield out;
			}
			case List<?> list -> list.stream().map(WeaviateMock::plain).toList();
			default -> value;
		};
	}

	// ---- responses ------------------------------------------------------------------------------------------

	private MockResponse violation(String message) {
		this.violations.add(message);
		return error(422, "mock: request violates the Weaviate contract: " + message);
	}

	private MockResponse graphQlError(String message) {
		ObjectNode response = NODES.objectNode();
		response.putObject("data").putObject("Get");
		ObjectNode error = response.putArray("errors").addObject().put("message", message);
		error.putArray("path").add("Get");
		return json(200, response);
	}

	private MockResponse error(int status, String message) {
		ObjectNode body = NODES.objectNode();
		body.putArray("error").addObject().put("message", message);
		return json(status, body);
	}

	private MockResponse json(int status, JsonNode body) {
		return new MockResponse.Builder().code(status)
			.setHeader("Content-Type", "application/json")
			.body(this.json.writeValueAsString(body))
			.build();
	}

}
