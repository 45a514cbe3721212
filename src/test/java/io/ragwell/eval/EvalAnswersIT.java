package io.ragwell.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.ragwell.RagwellApplication;
import io.ragwell.core.LlmAnswer;
import io.ragwell.llm.openai.OpenAiContract;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code eval --answers} end to end on a slice of SciFact dev claims (the first 12 judged test queries, their
 * abstracts plus distractors): once with the extractive answerer, then over the same index through the
 * OpenAI-compatible client against a MockWebServer that quotes its first passage or declines. The mock checks
 * the plumbing only; the numbers need a real model.
 */
@RequiresSharedData("datasets/scifact")
class EvalAnswersIT {

	private static final int CLAIMS = 12;

	@TempDir
	Path dir;

	@Test
	void scoresTheExtractiveAnswersAndTheSameMetricsThroughAnOpenAiCompatibleModel() throws IOException {
		Path index = this.dir.resolve("index");
		Path out = this.dir.resolve("extractive.json");
		OptionalInt exit = RagwellApplication.runCommand(new String[] { "eval", "--dataset", SciFact.dir().toString(),
				"--limit", String.valueOf(CLAIMS), "--index", index.toString(), "--answers", "--out", out.toString(),
				"--answer-features", "--ragwell.llm.extractive.min-relevance=0" });

		assertThat(exit).hasValue(0);
		JsonNode extractive = RagwellHttp.JSON.readTree(Files.readString(this.dir.resolve("extractive.json.answers.json")));
		assertThat(extractive.get("answerer").asString()).isEqualTo("extractive");
		assertThat(extractive.get("claims").asInt()).isEqualTo(CLAIMS);
		assertThat(extractive.get("answerable").asInt() + extractive.get("nei").asInt()).isEqualTo(CLAIMS);
		assertThat(extractive.get("answerable").asInt()).isPositive();
		assertThat(extractive.get("nei").asInt()).isPositive();
		// Quoting the abstracts it retrieved, over a slice that is easy to retrieve from, the answerer cites a gold
		// rationale for most answerable claims; with no threshold it declines none.
		assertThat(extractive.get("evidence_hit").asDouble()).isGreaterThanOrEqualTo(0.5);
		assertThat(extractive.get("citation_precision").asDouble()).isBetween(0.1, 1.0);
		assertThat(extractive.get("false_abstain_rate").asDouble()).isZero();
		JsonNode curve = extractive.get("curve");
		assertThat(curve.size()).isGreaterThan(10);
		// Raising the threshold can only decline more.
		for (int i = 1; i < curve.size(); i++) {
			assertThat(curve.get(i).get("false_abstain_rate").asDouble())
				.isGreaterThanOrEqualTo(curve.get(i - 1).get("false_abstain_rate").asDouble());
			assertThat(curve.get(i).get("abstain_rate_nei").asDouble())
				.isGreaterThanOrEqualTo(curve.get(i - 1).get("abstain_rate_nei").asDouble());
		}
		for (JsonNode claim : extractive.get("per_claim")) {
			assertThat(claim.get("relevance").asDouble()).isBetween(0.0, 1.0);
			// At most three quotes; one quote maps to several corpus sentences when the splitter could not cut a
			// run-on passage (on this slice one quote covers six).
			assertThat(claim.get("cited").size()).isBetween(1, 12);
		}

		// What the answerer weighed, per claim: its best sentence is the relevance it answered with, and the
		// sentences it quoted are among the candidates, mapped to the same corpus sentences.
		List<String> features = Files.readAllLines(this.dir.resolve("extractive.json.answer-features.jsonl"));
		assertThat(features).hasSize(CLAIMS);
		int goldCandidates = 0;
		for (int c = 0; c < CLAIMS; c++) {
			JsonNode record = RagwellHttp.JSON.readTree(features.get(c));
			JsonNode claim = extractive.get("per_claim").get(c);
			assertThat(record.get("id").asString()).isEqualTo(claim.get("id").asString());
			assertThat(record.get("sources").size()).isPositive();
			double best = -1;
			Set<String> refs = new HashSet<>();
			for (JsonNode sentence : record.get("sentences")) {
				best = Math.max(best, sentence.get("cos").asDouble());
				assertThat(sentence.get("src").asInt()).isBetween(0, record.get("sources").size() - 1);
				sentence.get("refs").forEach((ref) -> refs.add(ref.asString()));
				String doc = record.get("sources").get(sentence.get("src").asInt()).get("doc").asString();
				for (JsonNode ref : sentence.get("refs")) {
					String[] parts = ref.asString().split(":");
					assertThat(parts[0]).isEqualTo(doc);
					JsonNode gold = record.get("rationales").get(doc);
					for (int g = 0; gold != null && g < gold.size(); g++) {
						if (String.valueOf(gold.get(g).asInt()).equals(parts[1])) {
							goldCandidates++;
						}
					}
				}
			}
			assertThat(best).isCloseTo(claim.get("relevance").asDouble(), within(1e-3));
			for (JsonNode cited : claim.get("cited")) {
				if (!cited.asString().contains(":-")) {
					assertThat(refs).contains(cited.asString());
				}
			}
		}
		assertThat(goldCandidates).isPositive();

		// The same claims through the OpenAI-compatible client: a model that quotes passage [1]'s first sentence,
		// or declines when the claim's length is even.
		AtomicInteger calls = new AtomicInteger();
		try (MockWebServer model = new MockWebServer()) {
			model.setDispatcher(new QuotingModel(calls));
			model.start();
			Path openAiOut = this.dir.resolve("openai.json");
			assertThat(RagwellApplication.runCommand(new String[] { "eval", "--dataset", SciFact.dir().toString(),
					"--limit", String.valueOf(CLAIMS), "--index", index.toString(), "--answers", "--out",
					openAiOut.toString(), "--ragwell.llm.provider=openai", "--ragwell.llm.api-key=sk-test",
					"--ragwell.llm.model=quoting-mock", "--ragwell.llm.base-url=" + model.url("/v1") }))
				.hasValue(0);
		}

		JsonNode openAi = RagwellHttp.JSON.readTree(Files.readString(this.dir.resolve("openai.json.answers.json")));
		assertThat(calls).hasValue(CLAIMS);
		assertThat(openAi.get("answerer").asString()).isEqualTo("openai");
		assertThat(openAi.get("model").asString()).isEqualTo("quoting-mock");
		// A model has no relevance score, so there is no curve.
		assertThat(openAi.get("curve").size()).isZero();
		Map<String, String> texts = ClaimsDataset.read(SciFact.dir(), "test", null)
			.claims()
			.stream()
			.collect(Collectors.toMap(ClaimsDataset.Claim::id, ClaimsDataset.Claim::text));
		int declined = 0;
		for (JsonNode claim : openAi.get("per_claim")) {
			boolean expectDecline = QuotingModel.declines(texts.get(claim.get("id").asString()));
			assertThat(claim.get("abstained").asBoolean()).isEqualTo(expectDecline);
			assertThat(claim.path("relevance").isMissingNode() || claim.get("relevance").isNull()).isTrue();
			if (expectDecline) {
				declined++;
				assertThat(claim.get("cited").size()).isZero();
			}
			else {
				// The first sentence of the cited abstract, mapped back to its sentence id.
				assertThat(claim.get("cited").size()).isEqualTo(1);
				assertThat(claim.get("cited").get(0).asString()).endsWith(":0");
			}
		}
		long answerableDeclined = 0;
		for (JsonNode claim : openAi.get("per_claim")) {
			if (claim.get("abstained").asBoolean() && !"NOT_ENOUGH_INFO".equals(claim.get("label").asString())) {
				answerableDeclined++;
			}
		}
		assertThat(declined).isBetween(1, CLAIMS - 1);
		assertThat(openAi.get("false_abstain_rate").asDouble())
			.isEqualTo(Evaluator.round((double) answerableDeclined / openAi.get("answerable").asInt(), 4));
	}

	/** Answers like a model told to quote and cite, from the context the service sends. */
	private static final class QuotingModel extends Dispatcher {

		private final AtomicInteger calls;

		QuotingModel(AtomicInteger calls) {
			this.calls = calls;
		}

		static boolean declines(String question) {
			return question.length() % 2 == 0;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			if (!request.getUrl().encodedPath().endsWith("/chat/completions")) {
				return new MockResponse.Builder().code(200).body("{\"data\":[]}").build();
			}
			this.calls.incrementAndGet();
			JsonNode body = RagwellHttp.JSON.readTree(request.getBody().utf8());
			String user = body.get("messages").get(1).get("content").asString();
			String question = user.substring(user.lastIndexOf("\n\nQuestion: ") + "\n\nQuestion: ".length());
			String answer;
			if (declines(question)) {
				answer = LlmAnswer.ABSTENTION;
			}
			else {
				// "[1] Title\n\nFirst sentence. Second…": the abstract's first sentence, cited.
				String first = user.substring(user.indexOf("[1] ") + 4);
				String abstractText = first.substring(first.indexOf("\n\n") + 2);
				String sentence = abstractText.substring(0, abstractText.indexOf(". "));
				answer = sentence + " [1].";
			}
			String completion = OpenAiContract.read("chat-completion.response.json")
				.replace("\"Hello! How can I assist you today?\"", RagwellHttp.JSON.writeValueAsString(answer));
			return new MockResponse.Builder().code(200)
				.setHeader("Content-Type", "application/json")
				.body(completion)
				.build();
		}

	}


}
