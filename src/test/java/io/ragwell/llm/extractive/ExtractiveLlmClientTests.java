package io.ragwell.llm.extractive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ragwell.core.Chunk;
import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.support.FakeEmbedder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExtractiveLlmClientTests {

	private static final Pattern CITATION = Pattern.compile("\\[(\\d+)]");

	private final FakeEmbedder embedder = HashingEmbedder.create();

	private final ExtractiveLlmClient client = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3);

	@Test
	void citesTheSourceEachQuotedSentenceCameFrom() {
		LlmAnswer answer = this.client.generate(request("When do cache entries expire?",
				"Cats sleep most of the day. Dogs prefer walking outside.",
				"Cache entries expire ten minutes after they were written. The garden needs water daily."));

		assertThat(answer.text()).isEqualTo("Cache entries expire ten minutes after they were written [2].");
	}

	@Test
	void streamsSentenceBySentenceAddingUpToTheGeneratedAnswer() {
		LlmRequest request = request("Which ports does the proxy server listen on?",
				"Unrelated gardening advice about tomatoes here. The proxy listens on port 8080.",
				"The proxy server listens on port 8443 for TLS. The proxy server listens on port 9000 for admin.");
		List<String> deltas = new ArrayList<>();

		LlmAnswer streamed = this.client.stream(request, deltas::add);

		LlmAnswer generated = this.client.generate(request);
		assertThat(deltas).containsExactly("The proxy listens on port 8080 [1].",
				" The proxy server listens on port 8443 for TLS [2].", " The proxy server listens on port 9000 for admin [2].");
		assertThat(String.join("", deltas)).isEqualTo(streamed.text()).isEqualTo(generated.text());
		assertThat(streamed).isEqualTo(generated);
	}

	@Test
	void streamsTheNothingFoundAnswerInOnePieceWithoutCompletionTokens() {
		List<String> deltas = new ArrayList<>();

		LlmAnswer answer = this.client.stream(new LlmRequest("Anything?", List.of(), ""), deltas::add);

		assertThat(deltas).containsExactly(ExtractiveLlmClient.NOTHING_FOUND);
		assertThat(answer.completionTokens()).isZero();
	}

	@Test
	void composesInSourceOrderThenSentenceOrderRegardlessOfScore() {
		LlmAnswer answer = this.client.generate(request("Which ports does the proxy server listen on?",
				"Unrelated gardening advice about tomatoes here. The proxy listens on port 8080.",
				"The proxy server listens on port 8443 for TLS. The proxy server listens on port 9000 for admin."));

		// Source 2's sentences match more words, yet source 1's comes first.
		assertThat(answer.text()).isEqualTo("The proxy listens on port 8080 [1]. "
				+ "The proxy server listens on port 8443 for TLS [2]. "
				+ "The proxy server listens on port 9000 for admin [2].");
	}

	@Test
	void quotesASentenceRepeatedByChunkOverlapOnceCitingItsFirstSource() {
		String repeated = "Backups run nightly at two o'clock.";
		LlmAnswer answer = this.client.generate(request("When do backups run?",
				"Storage is replicated across zones. " + repeated,
				repeated + " Restores take about an hour to finish."));

		assertThat(answer.text()).containsOnlyOnce("Backups run nightly").contains("Backups run nightly at two o'clock [1].");
		assertThat(citations(answer.text())).doesNotHaveDuplicates();
	}

	@Test
	void dropsNearDuplicatesThatDifferOnlyInCaseOrFillerWords() {
		LlmAnswer answer = this.client.generate(request("When do backups run?",
				"Backups run nightly at two o'clock.", "The backups run NIGHTLY at two o'clock!"));

		assertThat(answer.text()).isEqualTo("Backups run nightly at two o'clock [1].");
	}

	@Test
	void quotesAtMostMaxSentencesKeepingTheBestScoring() {
		ExtractiveLlmClient twoSentences = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 2);
		LlmAnswer answer = twoSentences.generate(request("retry policy timeout backoff jitter",
				"The retry policy uses backoff. The retry policy uses backoff with jitter and a timeout.",
				"The retry policy exists. The retry policy uses backoff with jitter."));

		assertThat(citations(answer.text())).hasSize(2);
		assertThat(answer.text()).isEqualTo("The retry policy uses backoff with jitter and a timeout [1]. "
				+ "The retry policy uses backoff with jitter [2].");
	}

	@Test
	void answersThatNothingWasFoundWithZeroTokensWhenThereAreNoSources() {
		LlmAnswer answer = this.client.generate(new LlmRequest("Anything?",
				List.of(), ""));

		assertThat(answer).isEqualTo(LlmAnswer.abstention(0, Double.NaN));
		assertThat(this.embedder.batchCalls()).isEqualTo(0);
	}

	@Test
	void answersThatNothingWasFoundWhenNoSentenceRelatesToTheQuestion() {
		LlmAnswer answer = this.client.generate(request("How are invoices numbered?",
				"Cats sleep most of the day. Dogs prefer walking outside."));

		assertThat(answer.text()).isEqualTo(ExtractiveLlmClient.NOTHING_FOUND);
		assertThat(answer.promptTokens()).isEqualTo(10);
		assertThat(answer.completionTokens()).isZero();
	}

	@Test
	void declinesWithTheFixedSentenceAndNoCitationWhenTheBestSentenceIsBelowTheThreshold() {
		ExtractiveLlmClient strict = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0.9, 0, 1);
		LlmRequest request = request("When do cache entries expire on the server?",
				"Cache entries expire ten minutes after they were written.");
		double relevance = this.client.generate(request).relevance();

		LlmAnswer answer = strict.generate(request);

		// Related (the lenient answerer quotes it) but not related enough for a 0.9 threshold.
		assertThat(relevance).isBetween(ExtractiveLlmClient.MIN_SCORE, 0.9);
		assertThat(answer.abstained()).isTrue();
		assertThat(answer.text()).isEqualTo(LlmAnswer.ABSTENTION);
		assertThat(citations(answer.text())).isEmpty();
		assertThat(answer.relevance()).isEqualTo(relevance);
		assertThat(answer.completionTokens()).isZero();
	}

	@Test
	void answersWithCitationsAndItsRelevanceWhenTheBestSentenceReachesTheThreshold() {
		ExtractiveLlmClient strict = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0.5, 0, 1);
		LlmAnswer answer = strict.generate(request("When do cache entries expire?",
				"Cats sleep most of the day. Cache entries expire daily."));

		assertThat(answer.abstained()).isFalse();
		assertThat(answer.text()).isEqualTo("Cache entries expire daily [1].");
		assertThat(answer.relevance()).isGreaterThanOrEqualTo(0.5);
	}

	@Test
	void embedsOnlyTheLexicallyBestSentencesWhenEmbedCandidatesIsSet() {
		ExtractiveLlmClient cheap = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0, 2, 1);
		LlmAnswer answer = cheap.generate(request("When do cache entries expire?",
				"Cats sleep most of the day. Dogs prefer walking outside. The garden needs water.",
				"Cache entries expire daily. Birds sing in the early morning. Entries in the cache are small."));

		assertThat(this.embedder.passages()).hasSize(2)
			.containsExactlyInAnyOrder("Cache entries expire daily.", "Entries in the cache are small.");
		assertThat(answer.text()).startsWith("Cache entries expire daily [2].");
	}

	@Test
	void leavesOutSentencesScoringFarBelowTheBestOne() {
		ExtractiveLlmClient all = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3);
		ExtractiveLlmClient close = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0, 0, 0.1);
		LlmRequest request = request("When do cache entries expire?",
				"Cache entries expire ten minutes after writing. The cache is warm while entries stay.");

		assertThat(citations(all.generate(request).text())).hasSize(2);
		assertThat(close.generate(request).text()).isEqualTo("Cache entries expire ten minutes after writing [1].");
	}

	@Test
	void prefersTheTopRankedSourceWhenSourceWeightIsSet() {
		LlmRequest request = request("When do cache entries expire?",
				"Cache entries expire after ten minutes on the primary.", "Cache entries expire hourly.");
		ExtractiveLlmClient cosine = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1);
		ExtractiveLlmClient ranked = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1, 0, 0, 0, 1,
				new Selection(0, 0.2, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false));

		// The second source's sentence is closer to the question (cosine 0.75 against 0.61), but one rank
		// below the first costs it 0.2.
		assertThat(cosine.generate(request).text()).isEqualTo("Cache entries expire hourly [2].");
		assertThat(ranked.generate(request).text())
			.isEqualTo("Cache entries expire after ten minutes on the primary [1].");
	}

	@Test
	void quotesFromAtMostMaxSourcesThoseOfTheBestSentences() {
		LlmRequest request = request("When do cache entries expire on the server?",
				"Cache entries expire daily on the server. Server cache entries are small.",
				"Cache entries on the server expire hourly. Server entries are cached.");
		ExtractiveLlmClient any = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3);
		ExtractiveLlmClient one = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0, 0, 1,
				new Selection(0, 0, 0, 1, Integer.MAX_VALUE, false));

		assertThat(citations(any.generate(request).text())).containsOnly("1", "2");
		LlmAnswer answer = one.generate(request);
		// The best sentence is source 1's (ties go to the earlier source): every quote comes from there.
		assertThat(citations(answer.text())).hasSize(2).containsOnly("1");
	}

	@Test
	void movesASentenceSharingTheQuestionsRareWordsAheadWhenLexicalWeightIsSet() {
		// Each sentence shares two of the question's words; "quorum" is in one sentence only and "election" in
		// all, so BM25 ranks the third first while the cosine prefers the first two.
		LlmRequest request = request("quorum election leader", "Election leader chosen. Election leader elected.",
				"The quorum decides each election.");
		ExtractiveLlmClient cosine = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1);
		ExtractiveLlmClient lexical = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1, 0, 0, 0, 1,
				new Selection(0.5, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false));

		assertThat(cosine.generate(request).text()).isEqualTo("Election leader chosen [1].");
		assertThat(lexical.generate(request).text()).isEqualTo("The quorum decides each election [2].");
	}

	@Test
	void prefersLaterSentencesOfAChunkWhenPositionWeightIsSet() {
		LlmRequest request = request("Does caching reduce latency?",
				"Caching reduces latency in tests. We measured many services. Caching reduces latency in production.");
		ExtractiveLlmClient cosine = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1);
		ExtractiveLlmClient late = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1, 0, 0, 0, 1,
				new Selection(0, 0, 0.1, Integer.MAX_VALUE, Integer.MAX_VALUE, false));

		assertThat(cosine.generate(request).text()).isEqualTo("Caching reduces latency in tests [1].");
		assertThat(late.generate(request).text()).isEqualTo("Caching reduces latency in production [1].");
	}

	@Test
	void readsAndEmbedsOnlyTheFirstSourcesWhenReadSourcesIsSet() {
		LlmRequest request = request("When do cache entries expire?", "Cache entries expire after ten minutes.",
				"Cache entries expire hourly. The garden needs water.", "Cache entries expire daily.");
		ExtractiveLlmClient first = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0, 0, 1,
				new Selection(0, 0, 0, Integer.MAX_VALUE, 1, false));

		LlmAnswer answer = first.generate(request);

		assertThat(answer.text()).isEqualTo("Cache entries expire after ten minutes [1].");
		assertThat(this.embedder.passages()).containsExactly("Cache entries expire after ten minutes.");
		assertThat(answer.promptTokens()).isEqualTo(FakeEmbedder.WORDS.countTokens("Cache entries expire after ten minutes."));
	}

	@Test
	void skipsADocumentsTitleLineWhenSkipTitlesIsSet() {
		String document = "Cache entries expire\n\nEntries are evicted daily by the cache.";
		LlmRequest request = request("When do cache entries expire?", document);
		ExtractiveLlmClient cosine = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1);
		ExtractiveLlmClient noTitles = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1, 0, 0, 0, 1,
				new Selection(0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, true));

		assertThat(cosine.generate(request).text()).isEqualTo("Cache entries expire [1]");
		assertThat(noTitles.generate(request).text()).isEqualTo("Entries are evicted daily by the cache [1].");
		// Only a document's opening paragraph is its title: the same text as a later chunk, or an opening
		// paragraph of two lines, is quoted.
		Chunk later = new Chunk(Chunk.idFor("doc0", 1), "doc0", document, 1, Map.of(), 0, null, "hash");
		assertThat(ExtractiveLlmClient.hasTitle(later)).isFalse();
		assertThat(ExtractiveLlmClient.hasTitle(request.sources().get(0).chunk())).isTrue();
		assertThat(ExtractiveLlmClient.hasTitle(new Chunk(Chunk.idFor("doc0", 0), "doc0",
				"Cache entries expire\nafter a day\n\nEntries are evicted daily.", 0, Map.of(), 0, null, "hash")))
			.isFalse();
		assertThat(ExtractiveLlmClient.hasTitle(new Chunk(Chunk.idFor("doc0", 0), "doc0",
				"Entries are evicted daily by the cache.", 0, Map.of(), 0, null, "hash")))
			.isFalse();
	}

	@Test
	void cutsAtTheGapOnTheCombinedScoreButDeclinesOnTheCosine() {
		LlmRequest request = request("When do cache entries expire?", "Cache entries expire daily.",
				"Cache entries expire daily on replicas.");
		// One rank costs 0.5: the second source's sentence falls outside a 0.1 gap though its cosine is close.
		ExtractiveLlmClient ranked = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0, 0, 0.1,
				new Selection(0, 0.5, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false));
		ExtractiveLlmClient plain = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0, 0, 0.1);

		assertThat(citations(plain.generate(request).text())).containsExactly("1", "2");
		LlmAnswer answer = ranked.generate(request);
		assertThat(answer.text()).isEqualTo("Cache entries expire daily [1].");
		assertThat(answer.relevance()).isEqualTo(plain.generate(request).relevance());
	}

	@Test
	void explainsEveryCandidateWithItsSignalsWithoutChoosing() {
		LlmRequest request = request("When do cache entries expire?",
				"Cats sleep most of the day. Cache entries expire daily.", "Cache entries expire daily!");

		List<ExtractiveLlmClient.SentenceScore> scores = this.client.explain(request);

		assertThat(scores).extracting(ExtractiveLlmClient.SentenceScore::quoted)
			.containsExactly("Cats sleep most of the day [1].", "Cache entries expire daily [1].",
					"Cache entries expire daily [2]!");
		assertThat(scores).extracting(ExtractiveLlmClient.SentenceScore::position).containsExactly(0.0, 1.0, 0.0);
		assertThat(scores.get(1).cosine()).isEqualTo(this.client.generate(request).relevance());
		assertThat(scores.get(0).cosine()).isLessThan(scores.get(1).cosine());
		assertThat(scores.get(0).lexical()).isZero();
		assertThat(scores.get(1).lexical()).isPositive();
		assertThat(scores).extracting(ExtractiveLlmClient.SentenceScore::duplicateOf).containsExactly(-1, -1, 1);
	}

	@Test
	void rejectsSelectionWeightsOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Selection(-0.1, 0, 0, 1, 1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Selection(0, 1.5, 0, 1, 1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Selection(0, 0, Double.NaN, 1, 1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Selection(0, 0, 0, 0, 1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Selection(0, 0, 0, 1, 0, false));
	}

	@Test
	void countsTheSourceTokensReadAndTheAnswerTokensWritten() {
		String first = "Cache entries expire ten minutes after they were written.";
		String second = "Dogs prefer walking outside in the morning.";
		LlmAnswer answer = this.client.generate(request("When do cache entries expire?", first, second));

		assertThat(answer.promptTokens())
			.isEqualTo(FakeEmbedder.WORDS.countTokens(first) + FakeEmbedder.WORDS.countTokens(second));
		assertThat(answer.completionTokens()).isEqualTo(FakeEmbedder.WORDS.countTokens(answer.text())).isPositive();
	}

	@Test
	void embedsAllSentencesOfAllSourcesInOneBatch() {
		this.client.generate(request("When do cache entries expire?", "One sentence here now. Two sentences here now.",
				"Three sentences here now. Cache entries expire daily."));

		assertThat(this.embedder.batchCalls()).isEqualTo(1);
	}

	@Test
	void embedsOnlySentencesItHasNotSeenWhenSentenceVectorsAreCached() {
		ExtractiveLlmClient cached = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 100);
		String expiry = "Cache entries expire ten minutes after they were written.";
		String garden = "The garden needs water every single day.";
		LlmAnswer first = cached.generate(request("When do cache entries expire?", expiry + " " + garden));
		LlmAnswer again = cached.generate(request("When do cache entries expire?", expiry + " " + garden));
		LlmAnswer other = cached.generate(request("Which dogs walk outside?", garden,
				"Dogs prefer walking outside in the morning."));

		assertThat(again).isEqualTo(first);
		assertThat(other.text()).isEqualTo("Dogs prefer walking outside in the morning [2].");
		// The repeated question re-embedded nothing; the third call only the one new sentence.
		assertThat(this.embedder.passages()).containsExactly(expiry, garden, "Dogs prefer walking outside in the morning.");
	}

	@Test
	void embedsEverySentenceOnEveryCallWithoutACache() {
		String source = "Cache entries expire ten minutes after they were written.";
		this.client.generate(request("When do cache entries expire?", source));
		this.client.generate(request("When do cache entries expire?", source));

		assertThat(this.embedder.passages()).containsExactly(source, source);
	}

	@Test
	void skipsMarkdownHeadingsAndFragmentsTooShortToStandAlone() {
		LlmAnswer answer = this.client.generate(request("cache expiry",
				"# Cache expiry\n\nCache expiry.\n\nCache expiry happens after ten idle minutes."));

		assertThat(answer.text()).isEqualTo("Cache expiry happens after ten idle minutes [1].");
	}

	@Test
	void reportsTheEmbeddersModelAndHealth() {
		assertThat(this.client.provider()).isEqualTo("extractive");
		assertThat(this.client.model()).isEqualTo("hashing-bow");
		Health health = this.client.healthCheck();
		assertThat(health.up()).isTrue();
		assertThat(health.details()).containsEntry("model", "hashing-bow");
	}

	@Test
	void rejectsANonPositiveSentenceLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, -1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 1.5, 0, 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 3, 0, 0, -1, 1));
	}

	@Test
	void placesTheCitationInsideTheFinalPunctuation() {
		assertThat(ExtractiveLlmClient.cite("It works (mostly).", 2)).isEqualTo("It works (mostly) [2].");
		assertThat(ExtractiveLlmClient.cite("As reported before [9], [10-12] it rose [3, 4].", 1))
			.isEqualTo("As reported before, it rose [1].");
		assertThat(ExtractiveLlmClient.cite("Really?!", 1)).isEqualTo("Really [1]?!");
		// The source's own reference markers would read as citations of sources the answer does not have.
		assertThat(ExtractiveLlmClient.cite("As shown before [9], it works [10-12].", 1))
			.isEqualTo("As shown before, it works [1].");
		assertThat(ExtractiveLlmClient.cite("- Run the installer", 3)).isEqualTo("- Run the installer [3]");
	}

	@Test
	void scoresStoredSentenceVectorsWithoutEmbeddingAnySentence() {
		String question = "When do cache entries expire?";
		String[] texts = { "Cats sleep most of the day. Dogs prefer walking outside.",
				"Cache entries expire ten minutes after they were written. The garden needs water daily." };
		ExtractiveLlmClient stored = storedVectorClient(this.embedder);

		LlmAnswer fromStored = stored.generate(withStoredVectors(request(question, texts), HashingEmbedder::vector));

		assertThat(this.embedder.passages()).isEmpty();
		assertThat(this.embedder.queries()).containsExactly(question);
		// The stored vectors are the ones embedding gives here (quantised), so the answer is the embedded one.
		LlmAnswer embedded = this.client.generate(request(question, texts));
		assertThat(fromStored.text()).isEqualTo(embedded.text());
		assertThat(fromStored.relevance()).isCloseTo(embedded.relevance(), org.assertj.core.api.Assertions.within(0.01));
	}

	@Test
	void theStoredVectorsDecideTheAnswer() {
		// Stored vectors that put the dog sentence where the question is: a scorer that ignored them would quote
		// the cache sentence.
		LlmRequest request = withStoredVectors(request("When do cache entries expire?",
				"Cats sleep most of the day. Dogs prefer walking outside.",
				"Cache entries expire ten minutes after they were written."),
				(sentence) -> HashingEmbedder.vector(sentence.startsWith("Dogs") ? "cache entries expire" : sentence));

		LlmAnswer answer = new ExtractiveLlmClient(this.embedder, FakeEmbedder.WORDS, 1, 0, 0, 0, 1, Selection.COSINE,
				true).generate(request);

		assertThat(answer.text()).isEqualTo("Dogs prefer walking outside [1].");
		assertThat(this.embedder.passages()).isEmpty();
	}

	@Test
	void embedsTheSentencesOfSourcesWithoutUsableStoredVectors() {
		LlmRequest plain = request("When do cache entries expire?",
				"Cats sleep most of the day. Dogs prefer walking outside.",
				"Cache entries expire ten minutes after they were written. The garden needs water daily.",
				"Tomatoes need sun every day. Cache keys are hashed first.");
		LlmRequest stored = withStoredVectors(plain, HashingEmbedder::vector);
		List<SearchResult> mixed = new ArrayList<>(stored.sources());
		// Source 2 carries none; source 3 carries vectors pooled over other sentences (a changed splitter).
		mixed.set(1, plain.sources().get(1));
		Chunk third = mixed.get(2).chunk();
		mixed.set(2, new SearchResult(third.withSentenceVectors(io.ragwell.core.SentenceVectors.of(new int[] { 0, 5 },
				new float[][] { HashingEmbedder.vector("Tomatoes") }, this.embedder.dimensions())), 0.3, 3, null, null));

		LlmAnswer answer = storedVectorClient(this.embedder).generate(new LlmRequest(plain.question(), mixed, ""));

		assertThat(this.embedder.passages()).containsExactlyInAnyOrder(
				"Cache entries expire ten minutes after they were written.", "The garden needs water daily.",
				"Tomatoes need sun every day.", "Cache keys are hashed first.");
		assertThat(answer.text()).isEqualTo(this.client.generate(plain).text());
	}

	@Test
	void ignoresStoredVectorsWhenTheSettingIsOff() {
		LlmRequest request = withStoredVectors(request("When do cache entries expire?",
				"Cache entries expire ten minutes after they were written. The garden needs water daily."),
				(sentence) -> HashingEmbedder.vector("unrelated words only"));

		LlmAnswer answer = this.client.generate(request);

		assertThat(this.embedder.passages()).hasSize(2);
		assertThat(answer.text()).isEqualTo("Cache entries expire ten minutes after they were written [1].");
	}

	private static ExtractiveLlmClient storedVectorClient(FakeEmbedder embedder) {
		return new ExtractiveLlmClient(embedder, FakeEmbedder.WORDS, 3, 0, 0, 0, 1, Selection.COSINE, true);
	}

	/** Each source's chunk carrying a vector per sentence, as ingestion stores them, from {@code vectors}. */
	private LlmRequest withStoredVectors(LlmRequest request, java.util.function.Function<String, float[]> vectors) {
		List<SearchResult> sources = new ArrayList<>();
		for (SearchResult source : request.sources()) {
			String content = source.chunk().content();
			int[] spans = SentenceSplitter.spans(content);
			float[][] sentenceVectors = new float[spans.length / 2][];
			for (int i = 0; i < sentenceVectors.length; i++) {
				sentenceVectors[i] = vectors.apply(content.substring(spans[2 * i], spans[2 * i + 1]));
			}
			sources.add(new SearchResult(source.chunk()
				.withSentenceVectors(io.ragwell.core.SentenceVectors.of(spans, sentenceVectors,
						this.embedder.dimensions())), source.score(), source.rank(), null, null));
		}
		return new LlmRequest(request.question(), sources, "");
	}

	private static LlmRequest request(String question, String... sourceTexts) {
		List<SearchResult> sources = new ArrayList<>();
		for (int i = 0; i < sourceTexts.length; i++) {
			Chunk chunk = new Chunk(Chunk.idFor("doc" + i, 0), "doc" + i, sourceTexts[i], 0, Map.of(), 0, null,
					"hash" + i);
			sources.add(new SearchResult(chunk, 1.0 / (i + 1), i + 1, null, null));
		}
		return new LlmRequest(question, sources, "");
	}

	private static List<String> citations(String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = CITATION.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

}
