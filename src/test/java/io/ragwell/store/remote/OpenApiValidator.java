package io.ragwell.store.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks requests against an official OpenAPI document (Swagger 2.0 or OpenAPI 3): the path and method
 * exist, required header, query and path parameters are present, and the body is valid against the
 * operation's schema. The JSON-schema subset is what the Weaviate and Pinecone specs use: {@code $ref},
 * {@code type}, {@code properties}, {@code required}, {@code additionalProperties}, {@code items},
 * {@code enum}, {@code allOf}/{@code oneOf}/{@code anyOf}, number bounds, {@code format: uuid}, and string
 * or array length bounds (the Pinecone spec writes {@code minLength}/{@code maxLength} on arrays, meaning
 * item counts).
 */
public final class OpenApiValidator {

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final JsonNode spec;

	private final String basePath;

	private final boolean swagger2;

	private OpenApiValidator(JsonNode spec) {
		this.spec = spec;
		this.swagger2 = spec.has("swagger");
		this.basePath = this.swagger2 ? spec.path("basePath").asString("") : "";
	}

	/** Reads a JSON or YAML spec. */
	public static OpenApiValidator load(Path path) {
		try (InputStream in = Files.newInputStream(path)) {
			Object tree = new Yaml(new SafeConstructor(largeDocuments())).load(in);
			return new OpenApiValidator(JsonMapper.builder().build().valueToTree(tree));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static LoaderOptions largeDocuments() {
		LoaderOptions options = new LoaderOptions();
		options.setCodePointLimit(64 * 1024 * 1024);
		return options;
	}

	/**
	 * Every way the request breaks the spec; empty when it conforms.
	 * @param method HTTP method
	 * @param path request path, without the query
	 * @param headers lower-case header names present
	 * @param queryNames query parameter names present
	 * @param body parsed JSON body, or {@code null} when there is none
	 */
	public List<String> validate(String method, String path, java.util.Set<String> headers,
			java.util.Set<String> queryNames, @Nullable JsonNode body) {
		List<String> errors = new ArrayList<>();
		if (!path.startsWith(this.basePath)) {
			errors.add(path + " is outside the base path " + this.basePath);
			return errors;
		}
		String relative = path.substring(this.basePath.length());
		JsonNode operation = null;
		for (Map.Entry<String, JsonNode> entry : this.spec.path("paths").properties()) {
			if (matches(entry.getKey(), relative)) {
				JsonNode candidate = entry.getValue().path(method.toLowerCase(java.util.Locale.ROOT));
				if (!candidate.isMissingNode()) {
					operation = candidate;
					break;
				}
			}
		}
		if (operation == null) {
			errors.add(method + " " + relative + " is not an operation of the spec");
			return errors;
		}
		JsonNode bodySchema = null;
		boolean bodyRequired = false;
		for (JsonNode parameter : operation.path("parameters")) {
			parameter = resolve(parameter);
			String in = parameter.path("in").asString();
			String name = parameter.path("name").asString();
			boolean required = parameter.path("required").asBoolean(false);
			switch (in) {
				case "header" -> {
					if (required && !headers.contains(name.toLowerCase(java.util.Locale.ROOT))) {
						errors.add("missing required header " + name);
					}
				}
				case "query" -> {
					if (required && !queryNames.contains(name)) {
						errors.add("missing required query parameter " + name);
					}
				}
				case "body" -> {
					bodySchema = parameter.path("schema");
					bodyRequired = required;
				}
				default -> {
				}
			}
		}
		JsonNode requestBody = resolve(operation.path("requestBody"));
		if (!requestBody.isMissingNode()) {
			bodySchema = requestBody.path("content").path("application/json").path("schema");
			bodyRequired = requestBody.path("required").asBoolean(false);
		}
		if (body == null) {
			if (bodyRequired) {
				errors.add("the request body is required");
			}
		}
		else if (bodySchema == null) {
			errors.add("the operation takes no body");
		}
		else {
			validate(body, bodySchema, "body", errors);
		}
		return errors;
	}

	/** Errors of {@code value} against the schema named {@code definition} (e.g. {@code WhereFilter}). */
	public List<String> validateDefinition(JsonNode value, String definition) {
		String ref = this.swagger2 ? "#/definitions/" + definition : "#/components/schemas/" + definition;
		List<String> errors = new ArrayList<>();
		validate(value, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("$ref", ref), definition, errors);
		return errors;
	}

	private static boolean matches(String template, String path) {
		String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
		return path.matches(regex);
	}

	private JsonNode resolve(JsonNode node) {
		while (node.has("$ref")) {
			String ref = node.path("$ref").asString();
			JsonNode target = this.spec;
			for (String part : ref.substring(2).split("/")) {
				target = target.path(part.replace("~1", "/").replace("~0", "~"));
			}
			if (target.isMissingNode()) {
				throw new IllegalStateException("unresolvable $ref " + ref);
			}
			node = target;
		}
		return node;
	}

	private void validate(JsonNode value, JsonNode schemaNode, String at, List<String> errors) {
		JsonNode schema = resolve(schemaNode);
		if (value.isNull()) {
			if (!schema.path("nullable").asBoolean(false) && !schema.path("x-nullable").asBoolean(false)
					&& schema.has("type")) {
				errors.add(at + " must not be null");
			}
			return;
		}
		for (JsonNode part : schema.path("allOf")) {
			validate(value, part, at, errors);
		}
		for (String combinator : List.of("oneOf", "anyOf")) {
			if (schema.has(combinator)) {
				int matching = 0;
				for (JsonNode option : schema.path(combinator)) {
					List<String> optionErrors = new ArrayList<>();
					validate(value, option, at, optionErrors);
					matching += optionErrors.isEmpty() ? 1 : 0;
				}
				if (matching == 0 || (combinator.equals("oneOf") && matching > 1)) {
					errors.add(at + " matches " + matching + " of the " + combinator + " options");
				}
			}
		}
		String type = schema.path("type").asString(null);
		if (type != null && !hasType(value, type)) {
			errors.add(at + " must be " + type + " but is " + value.getNodeType());
			return;
		}
		if (schema.has("enum")) {
			boolean found = false;
			for (JsonNode allowed : schema.path("enum")) {
				found |= allowed.equals(value) || (allowed.isString() && value.isString()
						&& allowed.stringValue().equals(value.stringValue()));
			}
			if (!found) {
				errors.add(at + " = " + value + " is not one of " + schema.path("enum"));
			}
		}
		if (value.isObject()) {
			for (JsonNode required : schema.path("required")) {
				if (!value.has(required.asString())) {
					errors.add(at + " lacks required property " + required.asString());
				}
			}
			JsonNode properties = schema.path("properties");
			JsonNode additional = schema.path("additionalProperties");
			for (Map.Entry<String, JsonNode> entry : value.properties()) {
				JsonNode propertySchema = properties.path(entry.getKey());
				if (!propertySchema.isMissingNode()) {
					validate(entry.getValue(), propertySchema, at + "." + entry.getKey(), errors);
				}
				else if (additional.isBoolean() && !additional.booleanValue()) {
					errors.add(at + " has unknown property " + entry.getKey());
				}
				else if (additional.isObject()) {
					validate(entry.getValue(), additional, at + "." + entry.getKey(), errors);
				}
			}
		}
		if (value.isArray()) {
			long min = Math.max(schema.path("minItems").asLong(0), schema.path("minLength").asLong(0));
			long max = Math.min(schema.path("maxItems").asLong(Long.MAX_VALUE),
					schema.path("maxLength").asLong(Long.MAX_VALUE));
			if (value.size() < min || value.size() > max) {
				errors.add(at + " has " + value.size() + " items, allowed " + min + ".." + max);
			}
			if (schema.has("items")) {
				for (int i = 0; i < value.size(); i++) {
					validate(value.get(i), schema.path("items"), at + "[" + i + "]", errors);
				}
			}
		}
		if (value.isString()) {
			int length = value.stringValue().length();
			if (length < schema.path("minLength").asLong(0) || length > schema.path("maxLength").asLong(Long.MAX_VALUE)) {
				errors.add(at + " has length " + length + " outside the allowed bounds");
			}
			if ("uuid".equals(schema.path("format").asString(null)) && !UUID.matcher(value.stringValue()).matches()) {
				errors.add(at + " = " + value.stringValue() + " is not a UUID");
			}
		}
		if (value.isNumber()) {
			if (schema.has("minimum") && value.doubleValue() < schema.path("minimum").doubleValue()) {
				errors.add(at + " = " + value + " is below the minimum " + schema.path("minimum"));
			}
			if (schema.has("maximum") && value.doubleValue() > schema.path("maximum").doubleValue()) {
				errors.add(at + " = " + value + " is above the maximum " + schema.path("maximum"));
			}
		}
	}

	private static boolean hasType(JsonNode value, String type) {
		return switch (type) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
			case "number" -> value.isNumber();
			case "boolean" -> value.isBoolean();
			default -> true;
		};
	}

}
