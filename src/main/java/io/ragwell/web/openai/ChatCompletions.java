package io.ragwell.web.openai;

import java.util.List;
import java.util.UUID;

import io.ragwell.core.SearchResult;
import io.ragwell.query.Answered;
import io.ragwell.query.QueryResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One chat completion's wire objects ({@code chat.completion}, {@code chat.completion.chunk}) as OpenAI's API
 * writes them, built as JSON trees so the nulls OpenAI sends ({@code "finish_reason": null}) are sent too. Two
 * fields OpenAI clients ignore carry what Ragwell adds: {@code sources} (the numbered sources, exactly as
 * {@code /query} returns them; {@code [n]} in the text is element n-1) and {@code ragwell} (the standalone
 * question answered, query id, answer and search mode, cached, degraded, warnings).
 */
final class ChatCompletions {

	private final JsonMapper json;

	private final String id;

	private final long created;

	private final String model;

	private final String question;

	private final List<String> warnings;

	/**
	 * @param json the application's mapper (sources serialise as in {@code /query})
	 * @param model the model id the client asked for, echoed as OpenAI does
	 * @param question the standalone question that was answered
	 * @param warnings what came up before the pipeline (rewriting the question)
	 */
	ChatCompletions(JsonMapper json, String model, String question, List<String> warnings) {
		this.json = json;
		this.id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
		this.created = System.currentTimeMillis() / 1000;
		this.model = model;
		this.question = question;
		this.warnings = List.copyOf(warnings);
	}

	/** The whole answer, {@code object: chat.completion}. */
	ObjectNode completion(Answered answered) {
		ObjectNode root = head("chat.completion");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", answered.response().answer());
		message.putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		root.set("usage", usage(answered));
		root.set("sources", this.json.valueToTree(answered.response().sources()));
		root.set("ragwell", ragwell(answered.response()));
		return root;
	}

	/** The first chunk: the assistant's role, no text yet, and the sources the text will cite. */
	ObjectNode firstChunk(List<SearchResult> sources, boolean includeUsage) {
		ObjectNode chunk = chunk(includeUsage);
		ObjectNode delta = ((ObjectNode) chunk.get("choices").get(0)).putObject("delta");
		delta.put("role", "assistant");
		delta.put("content", "");
		chunk.set("sources", this.json.valueToTree(sources));
		return chunk;
	}

	/** A chunk carrying the next piece of text. */
	ObjectNode textChunk(String text, boolean includeUsage) {
		ObjectNode chunk = chunk(includeUsage);
		((ObjectNode) chunk.get("choices").get(0)).putObject("delta").put("content", text);
		return chunk;
	}

	/** The finish chunk: an empty delta, {@code finish_reason: stop}, and Ragwell's account of the answer. */
	ObjectNode finishChunk(Answered answered, boolean includeUsage) {
		ObjectNode chunk = chunk(includeUsage);
		ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
		choice.putObject("delta");
		choice.put("finish_reason", "stop");
		chunk.set("ragwell", ragwell(answered.response()));
		return chunk;
	}

	/** The usage chunk of {@code stream_options.include_usage}: no choices, the usage. */
	ObjectNode usageChunk(Answered answered) {
		ObjectNode chunk = head("chat.completion.chunk");
		chunk.putArray("choices");
		chunk.set("usage", usage(answered));
		return chunk;
	}

	private ObjectNode chunk(boolean includeUsage) {
		ObjectNode chunk = head("chat.completion.chunk");
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putNull("logprobs");
		choice.putNull("finish_reason");
		if (includeUsage) {
			// The spec: with include_usage every chunk but the last has "usage": null.
			chunk.putNull("usage");
		}
		return chunk;
	}

	private ObjectNode head(String object) {
		ObjectNode root = this.json.createObjectNode();
		root.put("id", this.id);
		root.put("object", object);
		root.put("created", this.created);
		root.put("model", this.model);
		return root;
	}

	private ObjectNode usage(Answered answered) {
		ObjectNode usage = this.json.createObjectNode();
		usage.put("prompt_tokens", answered.promptTokens());
		usage.put("completion_tokens", answered.completionTokens());
		usage.put("total_tokens", answered.promptTokens() + answered.completionTokens());
		return usage;
	}

	private ObjectNode ragwell(QueryResponse response) {
		ObjectNode ragwell = this.json.createObjectNode();
		ragwell.put("question", this.question);
		ragwell.put("query_id", response.queryId());
		ragwell.put("mode", response.mode());
		ragwell.put("search_mode", response.searchMode());
		ragwell.put("cached", response.cached());
		ragwell.put("degraded", response.degraded());
		ArrayNode warnings = ragwell.putArray("warnings");
		this.warnings.forEach(warnings::add);
		response.warnings().forEach(warnings::add);
		return ragwell;
	}

}
