package io.ragwell.web.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ragwell.core.ChatTurn;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.query.chat.ChatService;
import io.ragwell.query.chat.ChatService.PendingChat;
import io.ragwell.query.chat.Conversation;
import io.ragwell.query.plan.QueryRequest;
import io.ragwell.web.AnswerStreamer;
import io.ragwell.web.SseWriter;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/completions} and {@code GET /v1/models} in OpenAI's wire format. The last message is the
 * question, earlier user and assistant messages the conversation (system and developer messages are ignored:
 * Ragwell's answerer has its own instructions); the model picks the retrieval mode ({@link ChatModels}). The same
 * keys, scopes ({@code read}) and namespaces as {@code /query}.
 */
// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
@RestController
class OpenAiController {

	private static final String COMPLETIONS = "/v1/chat/completions";

	private final ChatService chat;

	private final Namespaces namespaces;

	private final AnswerStreamer streamer;

	private final JsonMapper json;

	OpenAiController(ChatService chat, Namespaces namespaces, AnswerStreamer streamer, JsonMapper json) {
		this.chat = chat;
		this.namespaces = namespaces;
		this.streamer = streamer;
		this.json = json;
	}

	@RequiredScope(Scope.READ)
	@GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
	ObjectNode models() {
		ObjectNode list = this.json.createObjectNode();
		list.put("object", "list");
		ArrayNode data = list.putArray("data");
		for (ChatModels model : ChatModels.values()) {
			data.add(model(model));
		}
		return list;
	}

	@RequiredScope(Scope.READ)
	@GetMapping(path = "/v1/models/{model}", produces = MediaType.APPLICATION_JSON_VALUE)
	ObjectNode model(@PathVariable String model) {
		return model(known(model, "model"));
	}

	/**
	 * @return the completion, or null when it was streamed (written to {@code response} already)
	 */
	@RequiredScope(Scope.READ)
	@PostMapping(path = COMPLETIONS, consumes = MediaType.APPLICATION_JSON_VALUE)
	@Nullable ResponseEntity<ObjectNode> completions(@RequestBody ChatCompletionRequest request,
			HttpServletResponse response) {
		ChatModels model = known(request.model(), "model");
		refuseUnsupported(request);
		Conversation conversation = conversation(request.messages());
		QueryRequest settings = new QueryRequest(null, request.topK(), request.filters(), model.mode());
		PendingChat pending;
		try {
			pending = this.chat.prepare(this.namespaces.current(), conversation, settings);
		}
		catch (InvalidRequestException ex) {
			// The question is the last message, not a "query" field.
			throw ("query".equals(ex.field())) ? new InvalidRequestException(ex.type(), "messages", String.valueOf(ex.getMessage()))
					: ex;
		}
		ChatCompletions completions = new ChatCompletions(this.json, model.id(), pending.question(),
				pending.warnings());
		if (Boolean.TRUE.equals(request.stream())) {
			boolean includeUsage = request.streamOptions() != null
					&& Boolean.TRUE.equals(request.streamOptions().includeUsage());
			this.streamer.stream(pending.answer(),
					new ChatCompletionEvents(new SseWriter(response, this.json), completions, includeUsage, this.json),
					COMPLETIONS);
			return null;
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(completions.completion(pending.answer().generate()));
	}

	private ObjectNode model(ChatModels model) {
		ObjectNode node = this.json.createObjectNode();
		node.put("id", model.id());
		node.put("object", "model");
		node.put("created", ChatModels.CREATED);
		node.put("owned_by", "ragwell");
		return node;
	}

	private static ChatModels known(@Nullable String id, String param) {
		if (id == null || id.isBlank()) {
			throw OpenAiException.invalid(param, "missing_required_parameter",
					"you must provide a model parameter; models: " + String.join(", ", ChatModels.ids()));
		}
		ChatModels model = ChatModels.byId(id);
		if (model == null) {
			throw new OpenAiException(404, "invalid_request_error", param, "model_not_found", "The model `"
					+ truncate(id) + "` does not exist; models: " + String.join(", ", ChatModels.ids()));
		}
		return model;
	}

	/** What OpenAI offers and Ragwell cannot do is refused, as OpenAI refuses what a model cannot do. */
	private static void refuseUnsupported(ChatCompletionRequest request) {
		if (request.n() != null && request.n() != 1) {
			throw OpenAiException.invalid("n", "unsupported_value", "n must be 1: Ragwell writes one answer");
		}
		if (request.tools() != null && !request.tools().isEmpty()) {
			throw OpenAiException.invalid("tools", "unsupported_parameter", "tools are not supported: Ragwell "
					+ "answers from its documents and calls no tools");
		}
		if (request.functions() != null && !request.functions().isEmpty()) {
			throw OpenAiException.invalid("functions", "unsupported_parameter", "functions are not supported");
		}
		if (Boolean.TRUE.equals(request.logprobs())) {
			throw OpenAiException.invalid("logprobs", "unsupported_parameter", "logprobs are not supported");
		}
		if (request.responseFormat() != null && request.responseFormat().type() != null
				&& !"text".equals(request.responseFormat().type())) {
			throw OpenAiException.invalid("response_format", "unsupported_value",
					"response_format must be {\"type\": \"text\"}: answers are text with [n] citations");
		}
	}

	/** The last message is the question; user and assistant messages before it are the history. */
	static Conversation conversation(@Nullable List<ChatCompletionRequest.Message> messages) {
		if (messages == null || messages.isEmpty()) {
			throw OpenAiException.invalid("messages", "missing_required_parameter",
					"messages must hold at least one message, the last one from the user");
		}
		List<ChatTurn> history = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			ChatCompletionRequest.Message message = messages.get(i);
			String param = "messages[" + i + "]";
			String role = (message.role() != null) ? message.role().toLowerCase(Locale.ROOT) : "";
			switch (role) {
				case "system", "developer" -> {
					// Ragwell's answerer keeps its own instructions (answer from the sources, cite them).
				}
				case "user", "assistant" -> {
					String text = text(message.content(), param + ".content");
					if (i == messages.size() - 1) {
						if (!role.equals("user") || text.isBlank()) {
							throw lastNotAQuestion();
						}
						return new Conversation(history, text);
					}
					if (!text.isBlank()) {
						history.add(new ChatTurn(role.equals("user") ? ChatTurn.Role.USER : ChatTurn.Role.ASSISTANT,
								text));
					}
				}
				case "tool", "function" -> throw OpenAiException.invalid(param + ".role", "unsupported_value",
						"tool and function messages are not supported: Ragwell calls no tools");
				default -> throw OpenAiException.invalid(param + ".role", "invalid_value",
						"role must be one of system, developer, user, assistant");
			}
		}
		throw lastNotAQuestion();
	}

	private static OpenAiException lastNotAQuestion() {
		return OpenAiException.invalid("messages", "invalid_value",
				"the last message must be a user message with text: it is the question answered");
	}

	/** A message's text: a string, or the text parts of a content array joined; other parts are refused. */
	private static String text(@Nullable Object content, String param) {
		if (content == null) {
			return "";
		}
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof List<?> parts) {
			StringBuilder text = new StringBuilder();
			for (Object part : parts) {
				if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String t) {
					text.append(text.isEmpty() ? "" : "\n").append(t);
				}
				else {
					throw OpenAiException.invalid(param, "unsupported_content",
							"only text content parts are supported");
				}
			}
			return text.toString();
		}
		throw OpenAiException.invalid(param, "invalid_type", "content must be a string or an array of text parts");
	}

	/** Echoing the caller's text back in full would let one request make an error body of any size. */
	private static String truncate(String text) {
		return (text.length() <= 100) ? text : text.substring(0, 100) + "…";
	}

}
