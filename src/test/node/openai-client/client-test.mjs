// Drives Ragwell's OpenAI-compatible API with the official `openai` package, as any application would, and prints
// what it saw as one JSON object for OpenAiClientIT to assert on. Nothing here decides pass or fail.
//
// Environment: RAGWELL_BASE_URL (e.g. http://localhost:8080/v1), RAGWELL_KEY and RAGWELL_OTHER_KEY (two keys
// whose namespaces hold the same documents, so a plain and a streamed completion are both computed fresh rather
// than one served from the other's cache), RAGWELL_QUESTION, RAGWELL_FOLLOW_UP.
import OpenAI from 'openai';

const baseURL = process.env.RAGWELL_BASE_URL;
const question = process.env.RAGWELL_QUESTION;
const followUp = process.env.RAGWELL_FOLLOW_UP;
// No retries: every request the test makes is seen once by the service.
const client = new OpenAI({ baseURL, apiKey: process.env.RAGWELL_KEY, maxRetries: 0, timeout: 60_000 });
const other = new OpenAI({ baseURL, apiKey: process.env.RAGWELL_OTHER_KEY, maxRetries: 0, timeout: 60_000 });

async function failure(call) {
  try {
    await call();
    return { raised: null };
  } catch (e) {
    return {
      raised: e.constructor.name,
      is_authentication_error: e instanceof OpenAI.AuthenticationError,
      is_bad_request_error: e instanceof OpenAI.BadRequestError,
      is_not_found_error: e instanceof OpenAI.NotFoundError,
      status: e.status ?? null,
      type: e.type ?? null,
      code: e.code ?? null,
      param: e.param ?? null,
      message: e.message,
    };
  }
}

const result = {};

// models.list(): an auto-paginating list; iterate it as a client would.
result.models = [];
for await (const model of client.models.list()) {
  result.models.push({ id: model.id, object: model.object, owned_by: model.owned_by });
}
result.retrieved_model = (await client.models.retrieve('ragwell-sparse')).id;

// A plain completion. top_k is a Ragwell extension, sent as an extra body field.
const completion = await client.chat.completions.create({
  model: 'ragwell',
  messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: question }],
  top_k: 1,
});
result.completion = {
  id: completion.id,
  object: completion.object,
  model: completion.model,
  content: completion.choices[0].message.content,
  role: completion.choices[0].message.role,
  finish_reason: completion.choices[0].finish_reason,
  usage: completion.usage,
  sources: completion.sources,
  ragwell: completion.ragwell,
};

// The same question streamed, by the other key (its namespace holds the same documents): the text reassembled.
const stream = await other.chat.completions.create({
  model: 'ragwell',
  messages: [{ role: 'user', content: question }],
  top_k: 1,
  stream: true,
  stream_options: { include_usage: true },
});
const streamed = { content: '', chunks: 0, content_chunks: 0, ids: new Set(), objects: new Set(), finish_reason: null,
  usage: null, first_sources: null, role: null };
for await (const chunk of stream) {
  streamed.chunks++;
  streamed.ids.add(chunk.id);
  streamed.objects.add(chunk.object);
  if (streamed.chunks === 1) {
    streamed.first_sources = chunk.sources ?? null;
  }
  if (chunk.usage) {
    streamed.usage = chunk.usage;
  }
  const choice = chunk.choices[0];
  if (choice) {
    if (choice.delta.role) {
      streamed.role = choice.delta.role;
    }
    if (choice.delta.content) {
      streamed.content += choice.delta.content;
      streamed.content_chunks++;
    }
    if (choice.finish_reason) {
      streamed.finish_reason = choice.finish_reason;
    }
  }
}
result.streamed = { ...streamed, ids: [...streamed.ids], objects: [...streamed.objects] };

// A follow-up turn: the earlier exchange as history, the follow-up last.
const followed = await client.chat.completions.create({
  model: 'ragwell',
  messages: [
    { role: 'user', content: question },
    { role: 'assistant', content: completion.choices[0].message.content },
    { role: 'user', content: [{ type: 'text', text: followUp }] },
  ],
});
result.follow_up = {
  content: followed.choices[0].message.content,
  sources: followed.sources,
  ragwell: followed.ragwell,
};

// Errors surface as the SDK's own exception classes.
const stranger = new OpenAI({ baseURL, apiKey: 'not-a-key-of-this-service', maxRetries: 0 });
result.wrong_key = await failure(() => stranger.chat.completions.create({
  model: 'ragwell', messages: [{ role: 'user', content: question }] }));
result.wrong_key_models = await failure(() => stranger.models.list());
result.two_choices = await failure(() => client.chat.completions.create({
  model: 'ragwell', n: 2, messages: [{ role: 'user', content: question }] }));
result.unknown_model = await failure(() => client.chat.completions.create({
  model: 'gpt-4o', messages: [{ role: 'user', content: question }] }));

process.stdout.write(JSON.stringify(result));
