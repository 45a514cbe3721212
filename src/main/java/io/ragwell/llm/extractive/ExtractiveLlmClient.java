package io.ragwell.llm.extractive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ragwell.core.Chunk;
import io.ragwell.core.Embedder;
import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmException;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.SentenceVectors;
import io.ragwell.core.Tokenizer;
import org.jspecify.annotations.Nullable;

/**
 * The offline answerer: picks the source sentences closest to the question and quotes them with citations.
 * It needs no model beyond the embedder, so answers are grounded by construction and cost no API calls.
 * <p>
 * Every sentence of the first {@link Selection#readSources()} sources (titles left out on request) is embedded
 * in one batch and scored by dot product against the question vector (both are unit length, so this is cosine
 * similarity). The best cosine decides whether to answer at all ({@code minRelevance}); the sentences are
 * ranked by {@link Selection#score}, the cosine plus lexical, source-rank and position signals. The best
 * {@code maxSentences} with a cosine above {@link #MIN_SCORE} are kept, skipping near-duplicates that chunk
 * overlap produces and sources beyond {@link Selection#maxSources()}, and written out in source order then
 * sentence order, each followed by {@code [n]} where {@code n} is its source's position in
 * {@link LlmRequest#sources()} plus one.
 * <p>
 * Sentence vectors are cached by sentence text: embedding the sources' sentences is most of an uncached
 * query's work, the same chunks come back for related questions, and a text's vector never changes (the
 * embedder is fixed for the process and embeds each text independently of its batch).
 * <p>
 * With stored vectors on ({@code ragwell.embedding.sentence-vectors}), a source whose chunk carries
 * {@link Chunk#sentenceVectors()} pooled at ingestion over exactly the sentences this answerer splits it into is
 * scored with those, and none of its sentences is embedded; the others are embedded as above. Pooled vectors are
 * contextual (each sentence read inside its chunk), so their cosines sit on another scale than those of sentences
 * embedded alone, and {@code minRelevance} is tuned for each (docs/EVALUATION.md).
 */
public final class ExtractiveLlmClient implements LlmClient {

	/** The answer when there is nothing to quote, or nothing relevant enough: the fixed abstention. */
	public static final String NOTHING_FOUND = LlmAnswer.ABSTENTION;

	/**
	 * Sentences scoring below this are unrelated to the question whatever their rank; quoting them would
	 * look like an answer without being one.
	 */
	static final double MIN_SCORE = 0.1;

	/** Overlapping chunks repeat sentences with slightly different boundaries; above this they are one. */
	static final double DUPLICATE_SIMILARITY = 0.95;

	/** Fragments shorter than this (a cut-off chunk start, "See below.") say nothing on their own. */
	private static final int MIN_WORDS = 3;

	private final Embedder embedder;

	private final Tokenizer tokenizer;

	private final int maxSentences;

	private final double minRelevance;

	private final int embedCandidates;

	private final double maxGap;

	private final Selection selection;

	private final boolean storedVectors;

	// Null when caching is off: a Caffeine cache of maximum size 0 still holds entries until its asynchronous
	// eviction runs.
	private final @Nullable Cache<String, float[]> sentenceVectors;

	/** An answerer without a sentence-vector cache that declines only when no sentence passes {@link #MIN_SCORE}. */
	public ExtractiveLlmClient(Embedder embedder, Tokenizer tokenizer, int maxSentences) {
		this(embedder, tokenizer, maxSentences, 0);
	}

	/** An answerer that declines only when no sentence passes {@link #MIN_SCORE}. */
	public ExtractiveLlmClient(Embedder embedder, Tokenizer tokenizer, int maxSentences, int sentenceCacheSize) {
		this(embedder, tokenizer, maxSentences, sentenceCacheSize, 0, 0, 1);
	}

	/**
	 * @param embedder the model retrieval embeds with; it embeds the question (as a query) and the sentences, so
	 * their vectors are comparable
	 * @param tokenizer the embedding model's tokenizer, which counts the answer's prompt and completion tokens
	 * @param maxSentences how many sentences an answer quotes at most
	 * @param sentenceCacheSize how many sentence vectors to keep (about 1.7 KiB each at 384 dimensions); 0
	 * embeds every sentence on every call
	 * @param minRelevance the answerer declines ({@link LlmAnswer#ABSTENTION}) when its best sentence's cosine
	 * with the question is below this; 0 declines only when nothing passes {@link #MIN_SCORE}
	 * @param embedCandidates embed only this many sentences, the best by BM25 against the question among the
	 * sources' sentences (0: embed every sentence)
	 * @param maxGap a sentence scoring more than this below the best one is not quoted (1: no such cut)
	 */
	public ExtractiveLlmClient(Embedder embedder, Tokenizer tokenizer, int maxSentences, int sentenceCacheSize,
			double minRelevance, int embedCandidates, double maxGap) {
		this(embedder, tokenizer, maxSentences, sentenceCacheSize, minRelevance, embedCandidates, maxGap,
				Selection.COSINE);
	}

	/**
	 * @param embedder the model retrieval embeds with; it embeds the question (as a query) and the sentences, so
	 * their vectors are comparable
	 * @param tokenizer the embedding model's tokenizer, which counts the answer's prompt and completion tokens
	 * @param maxSentences how many sentences an answer quotes at most
	 * @param sentenceCacheSize how many sentence vectors to keep (about 1.7 KiB each at 384 dimensions); 0
	 * embeds every sentence on every call
	 * @param minRelevance the answerer declines ({@link LlmAnswer#ABSTENTION}) when its best sentence's cosine
	 * with the question is below this; 0 declines only when nothing passes {@link #MIN_SCORE}
	 * @param embedCandidates embed only this many sentences, the best by BM25 against the question among the
	 * sources' sentences (0: embed every sentence)
	 * @param maxGap a sentence whose {@link Selection} score is more than this below the best one's is not
	 * quoted (1: no such cut)
	 * @param selection how sentences are scored beyond their cosine, and from how many sources they are quoted
	 */
	public ExtractiveLlmClient(Embedder embedder, Tokenizer tokenizer, int maxSentences, int sentenceCacheSize,
			double minRelevance, int embedCandidates, double maxGap, Selection selection) {
		this(embedder, tokenizer, maxSentences, sentenceCacheSize, minRelevance, embedCandidates, maxGap, selection,
				false);
	}

	/**
	 * @param embedder the model retrieval embeds with; it embeds the question (as a query) and the sentences, so
	 * their vectors are comparable
	 * @param tokenizer the embedding model's tokenizer, which counts the answer's prompt and completion tokens
	 * @param maxSentences how many sentences an answer quotes at most
	 * @param sentenceCacheSize how many sentence vectors to keep; 0 embeds every sentence on every call
	 * @param minRelevance the answerer declines when its best sentence's cosine with the question is below this
	 * @param embedCandidates embed only this many sentences, the best by BM25 (0: every sentence)
	 * @param maxGap a sentence whose {@link Selection} score is more than this below the best one's is not quoted
	 * @param selection how sentences are scored beyond their cosine, and from how many sources they are quoted
	 * @param storedVectors score a source's sentences by the vectors pooled at ingestion that its chunk carries
	 * ({@link Chunk#sentenceVectors()}) instead of embedding them; sources without them are embedded as before
	 */
	public ExtractiveLlmClient(Embedder embedder, Tokenizer tokenizer, int maxSentences, int sentenceCacheSize,
			double minRelevance, int embedCandidates, double maxGap, Selection selection, boolean storedVectors) {
		if (maxSentences < 1) {
			throw new IllegalArgumentException("maxSentences must be >= 1, was " + maxSentences);
		}
		if (sentenceCacheSize < 0) {
			throw new IllegalArgumentException("sentenceCacheSize must be >= 0, was " + sentenceCacheSize);
		}
		if (!(minRelevance >= 0 && minRelevance <= 1)) {
			throw new IllegalArgumentException("minRelevance must be in 0..1, was " + minRelevance);
		}
		if (!(maxGap >= 0 && maxGap <= 2)) {
			throw new IllegalArgumentException("maxGap must be in 0..2, was " + maxGap);
		}
		if (embedCandidates < 0) {
			throw new IllegalArgumentException("embedCandidates must be >= 0, was " + embedCandidates);
		}
		this.embedder = embedder;
		this.tokenizer = tokenizer;
		this.maxSentences = maxSentences;
		this.minRelevance = minRelevance;
		this.embedCandidates = embedCandidates;
		this.maxGap = maxGap;
		this.selection = selection;
		this.storedVectors = storedVectors;
		this.sentenceVectors = (sentenceCacheSize > 0) ? Caffeine.newBuilder().maximumSize(sentenceCacheSize).build()
				: null;
	}

	@Override
	public LlmAnswer generate(LlmRequest request) {
		Quotes quotes = quote(request);
		return answer(quotes, String.join(" ", quotes.sentences()));
	}

	/**
	 * Emits the answer sentence by sentence, each with its citation (the second and later ones preceded by the
	 * space that joins them), so the pieces add up to exactly the text {@link #generate} returns. The sentences
	 * are chosen together (they are ranked against each other), so the first one comes once all are chosen.
	 */
	@Override
	public LlmAnswer stream(LlmRequest request, Consumer<String> onDelta) {
		Quotes quotes = quote(request);
		StringBuilder text = new StringBuilder();
		for (String sentence : quotes.sentences()) {
			String delta = text.isEmpty() ? sentence : " " + sentence;
			text.append(delta);
			onDelta.accept(delta);
		}
		return answer(quotes, text.toString());
	}

	/** {@code text} is the quotes joined; the refusal costs no completion tokens. */
	private LlmAnswer answer(Quotes quotes, String text) {
		return new LlmAnswer(text, quotes.promptTokens(), quotes.found() ? this.tokenizer.countTokens(text) : 0,
				!quotes.found(), quotes.relevance());
	}

	/** The cited sentences of the answer, in answer order, or {@link #NOTHING_FOUND} alone. */
	private Quotes quote(LlmRequest request) {
		List<SearchResult> sources = read(request.sources());
		if (sources.isEmpty()) {
			return Quotes.nothing(0, Double.NaN);
		}
		int promptTokens = 0;
		for (SearchResult source : sources) {
			promptTokens += this.tokenizer.countTokens(source.chunk().content());
		}
		List<Candidate> candidates = candidates(sources);
		if (this.embedCandidates > 0 && candidates.size() > this.embedCandidates) {
			// Embedding every sentence of every source is most of an answer's cost; the sentences that share no
			// rare word with the question are rarely the ones quoted, so only the lexically best are embedded.
			candidates = SentenceBm25.best(request.question(), candidates, Candidate::text, this.embedCandidates);
		}
		if (candidates.isEmpty()) {
			return Quotes.nothing(promptTokens, Double.NaN);
		}
		List<float[]> vectors = sentenceVectors(candidates);
		// The question embedded as the model embeds queries, like the vector retrieval searched with.
		float[] question = this.embedder.embedQuery(request.question());
		double[] lexical = lexicalShares(request.question(), candidates);
		List<Scored> scored = new ArrayList<>(candidates.size());
		for (int i = 0; i < candidates.size(); i++) {
			Candidate candidate = candidates.get(i);
			float[] vector = vectors.get(i);
			double cosine = dot(question, vector);
			scored.add(new Scored(candidate, vector, cosine, this.selection.score(cosine, lexical[i],
					candidate.sourceIndex(), candidate.position())));
		}
		double best = scored.stream().mapToDouble(Scored::cosine).max().orElse(Double.NaN);
		// Below the threshold the closest sentence is still not about the question: quoting it would look like
		// an answer without being one (the threshold is tuned on SciFact train claims, docs/EVALUATION.md).
		if (best < this.minRelevance) {
			return Quotes.nothing(promptTokens, best);
		}
		List<Scored> chosen = choose(scored);
		if (chosen.isEmpty()) {
			return Quotes.nothing(promptTokens, best);
		}
		return new Quotes(chosen.stream()
			.map((s) -> cite(s.candidate().text(), s.candidate().sourceIndex() + 1))
			.toList(), promptTokens, true, best);
	}

	/**
	 * Every sentence the answerer weighs for {@code request}, with the signals it has: what {@code eval
	 * --answer-features} records to tune the selection and the threshold on training claims. Embeds what
	 * {@link #generate} embeds (cached vectors are reused), and chooses nothing.
	 * @param request the question and its sources
	 * @return the candidates in source then sentence order
	 */
	public List<SentenceScore> explain(LlmRequest request) {
		List<Candidate> candidates = candidates(read(request.sources()));
		if (this.embedCandidates > 0 && candidates.size() > this.embedCandidates) {
			candidates = SentenceBm25.best(request.question(), candidates, Candidate::text, this.embedCandidates);
		}
		if (candidates.isEmpty()) {
			return List.of();
		}
		List<float[]> vectors = sentenceVectors(candidates);
		float[] question = this.embedder.embedQuery(request.question());
		double[] lexical = SentenceBm25.scores(request.question(), candidates.stream().map(Candidate::text).toList());
		List<SentenceScore> scores = new ArrayList<>(candidates.size());
		for (int i = 0; i < candidates.size(); i++) {
			Candidate candidate = candidates.get(i);
			int duplicateOf = -1;
			for (int j = 0; j < i && duplicateOf < 0; j++) {
				if (dot(vectors.get(j), vectors.get(i)) > DUPLICATE_SIMILARITY) {
					duplicateOf = j;
				}
			}
			scores.add(new SentenceScore(cite(candidate.text(), candidate.sourceIndex() + 1), candidate.sourceIndex(),
					candidate.sentenceIndex(), candidate.position(), dot(question, vectors.get(i)), lexical[i],
					duplicateOf));
		}
		return scores;
	}

	/** Each candidate's BM25 against the question as a share of the best one's; all 0 when no weight uses it. */
	private double[] lexicalShares(String question, List<Candidate> candidates) {
		double[] shares = new double[candidates.size()];
		if (!this.selection.usesLexical()) {
			return shares;
		}
		double[] scores = SentenceBm25.scores(question, candidates.stream().map(Candidate::text).toList());
		double top = 0;
		for (double score : scores) {
			top = Math.max(top, score);
		}
		for (int i = 0; i < scores.length && top > 0; i++) {
			shares[i] = scores[i] / top;
		}
		return shares;
	}

	/**
	 * The candidates' vectors, in order: those pooled at ingestion where their chunk carries them, else cached or
	 * embedded (only those not cached, in one batch).
	 */
	private List<float[]> sentenceVectors(List<Candidate> candidates) {
		List<String> sentences = candidates.stream()
			.filter((candidate) -> candidate.stored() == null)
			.map(Candidate::text)
			.toList();
		Map<String, float[]> embedded = embedded(sentences);
		List<float[]> vectors = new ArrayList<>(candidates.size());
		for (Candidate candidate : candidates) {
			float[] stored = candidate.stored();
			vectors.add((stored != null) ? stored : java.util.Objects.requireNonNull(embedded.get(candidate.text())));
		}
		return vectors;
	}

	/** The vectors of {@code sentences} by text; only those not cached are embedded, in one batch. */
	private Map<String, float[]> embedded(List<String> sentences) {
		if (sentences.isEmpty()) {
			return Map.of();
		}
		Map<String, float[]> found = (this.sentenceVectors != null)
				? new HashMap<>(this.sentenceVectors.getAllPresent(sentences)) : new HashMap<>();
		List<String> missing = sentences.stream().filter((sentence) -> !found.containsKey(sentence)).toList();
		if (!missing.isEmpty()) {
			// A reader waits for these: served ahead of ingestion.
			List<float[]> embedded = this.embedder.embedBatch(missing, Embedder.Priority.ANSWER);
			if (embedded.size() != missing.size()) {
				throw new LlmException("Embedder returned " + embedded.size() + " vectors for " + missing.size()
						+ " sentences", 0, false, "embedder_mismatch", null);
			}
			Map<String, float[]> fresh = new LinkedHashMap<>();
			for (int i = 0; i < missing.size(); i++) {
				fresh.put(missing.get(i), embedded.get(i));
			}
			if (this.sentenceVectors != null) {
				this.sentenceVectors.putAll(fresh);
			}
			found.putAll(fresh);
		}
		return found;
	}

	/** The sources whose sentences are candidates: the first {@link Selection#readSources()}. */
	private List<SearchResult> read(List<SearchResult> sources) {
		return (sources.size() > this.selection.readSources()) ? sources.subList(0, this.selection.readSources())
				: sources;
	}

	/**
	 * Every quotable sentence once, attributed to its first occurrence: sources come in rank order, so the
	 * earliest source repeating an overlapping sentence is also the best one to cite.
	 */
	private List<Candidate> candidates(List<SearchResult> sources) {
		Map<String, Candidate> byText = new LinkedHashMap<>();
		for (int s = 0; s < sources.size(); s++) {
			Chunk chunk = sources.get(s).chunk();
			List<String> sentences = SentenceSplitter.split(chunk.content());
			SentenceVectors stored = storedFor(chunk, sentences.size());
			int first = (this.selection.skipTitles() && hasTitle(chunk)) ? 1 : 0;
			for (int i = first; i < sentences.size(); i++) {
				String sentence = sentences.get(i);
				if (wordCount(sentence) >= MIN_WORDS) {
					double position = (sentences.size() > 1) ? (double) i / (sentences.size() - 1) : 0;
					float[] vector = (stored != null) ? stored.vector(i) : null;
					byText.putIfAbsent(normalise(sentence), new Candidate(sentence, s, i, position, vector));
				}
			}
		}
		return List.copyOf(byText.values());
	}

	/**
	 * The chunk's stored sentence vectors when they are on, fit this model and were pooled over exactly the
	 * sentences this splitter finds (a splitter changed since ingestion finds others: those are embedded).
	 */
	private @Nullable SentenceVectors storedFor(Chunk chunk, int sentences) {
		SentenceVectors stored = chunk.sentenceVectors();
		if (!this.storedVectors || stored == null || stored.count() != sentences
				|| stored.dimensions() != this.embedder.dimensions()) {
			return null;
		}
		return java.util.Arrays.equals(stored.spans(), SentenceSplitter.spans(chunk.content())) ? stored : null;
	}

	/**
	 * Whether the chunk opens its document with a title: a first paragraph that is one line and one sentence,
	 * followed by more text. Then the chunk's first sentence is that title.
	 */
	static boolean hasTitle(Chunk chunk) {
		if (chunk.position() != 0) {
			return false;
		}
		String content = chunk.content().strip();
		Matcher blank = BLANK_LINE.matcher(content);
		if (!blank.find()) {
			return false;
		}
		String opening = content.substring(0, blank.start()).strip();
		return !opening.isEmpty() && !LINE_BREAK.matcher(opening).find() && SentenceSplitter.split(opening).size() == 1;
	}

	private List<Scored> choose(List<Scored> scored) {
		List<Scored> ranked = new ArrayList<>(scored);
		// Ties go to the earlier source, then the earlier sentence, so answers are deterministic.
		ranked.sort(Comparator.comparingDouble(Scored::score)
			.reversed()
			.thenComparingInt((Scored s) -> s.candidate().sourceIndex())
			.thenComparingInt((Scored s) -> s.candidate().sentenceIndex()));
		double floor = ranked.isEmpty() ? 0 : ranked.get(0).score() - this.maxGap;
		List<Scored> chosen = new ArrayList<>(this.maxSentences);
		Set<Integer> quotedSources = new HashSet<>();
		for (Scored candidate : ranked) {
			if (chosen.size() == this.maxSentences || candidate.score() < floor) {
				break;
			}
			if (candidate.cosine() < MIN_SCORE) {
				// Whatever the other signals say, a sentence this far from the question is not about it.
				continue;
			}
			boolean duplicate = chosen.stream()
				.anyMatch((kept) -> dot(kept.vector(), candidate.vector()) > DUPLICATE_SIMILARITY);
			int source = candidate.candidate().sourceIndex();
			boolean newSource = !quotedSources.contains(source);
			if (!duplicate && !(newSource && quotedSources.size() >= this.selection.maxSources())) {
				chosen.add(candidate);
				quotedSources.add(source);
			}
		}
		chosen.sort(Comparator.comparingInt((Scored s) -> s.candidate().sourceIndex())
			.thenComparingInt((Scored s) -> s.candidate().sentenceIndex()));
		return chosen;
	}

	private static final Pattern BLANK_LINE = Pattern.compile("\\R[\\h]*\\R");

	private static final Pattern LINE_BREAK = Pattern.compile("\\R");

	private static final Pattern SOURCE_MARKERS = Pattern
		.compile("\\s*\\[\\d+(?:\\s*[,\u2013-]\\s*\\d+)*]");

	/** "It expires after 5 minutes [2]." — the citation goes inside the sentence's final punctuation. */
	static String cite(String quoted, int number) {
		// A quoted sentence's own reference markers ("as shown before [9]") would read as our citations.
		Matcher markers = SOURCE_MARKERS.matcher(quoted);
		String sentence = markers.find() ? markers.replaceAll("").strip() : quoted;
		String citation = "[" + number + "]";
		int end = sentence.length();
		while (end > 0 && isFinalPunctuation(sentence.charAt(end - 1))) {
			end--;
		}
		if (end == sentence.length() || end == 0) {
			return sentence + " " + citation;
		}
		return sentence.substring(0, end) + " " + citation + sentence.substring(end);
	}

	private static boolean isFinalPunctuation(char c) {
		// Closing quotes and brackets stay inside: "It works (mostly) [1]." not "(mostly [1])."
		return c == '.' || c == '!' || c == '?' || c == '…';
	}

	private static double dot(float[] a, float[] b) {
		if (a.length != b.length) {
			throw new LlmException("Question vector has " + a.length + " dimensions but the embedder produces "
					+ b.length + "; was the question embedded with another model?", 0, false, "dimension_mismatch",
					null);
		}
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += (double) a[i] * b[i];
		}
		return sum;
	}

	private static String normalise(String sentence) {
		return sentence.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
	}

	private static int wordCount(String sentence) {
		int words = 0;
		boolean inWord = false;
		for (int i = 0; i < sentence.length(); i++) {
			boolean letter = Character.isLetterOrDigit(sentence.charAt(i));
			if (letter && !inWord) {
				words++;
			}
			inWord = letter;
		}
		return words;
	}

	@Override
	public String provider() {
		return "extractive";
	}

	@Override
	public String model() {
		return this.embedder.modelName();
	}

	@Override
	public Health healthCheck() {
		return this.embedder.healthCheck();
	}

	/**
	 * {@code position}: the sentence's place in its chunk, 0 for the first and 1 for the last; {@code stored}: its
	 * vector pooled at ingestion, if used.
	 */
	private record Candidate(String text, int sourceIndex, int sentenceIndex, double position,
			float @Nullable [] stored) {
	}

	/**
	 * A sentence as {@link #explain} reports it.
	 * @param quoted the sentence as an answer would quote it, with its citation
	 * @param sourceIndex its source's 0-based position in the request (the retrieval rank)
	 * @param sentenceIndex its 0-based position in the source chunk
	 * @param position its place in the chunk, 0 for the first sentence and 1 for the last
	 * @param cosine its cosine with the question
	 * @param lexical its BM25 score against the question among the candidates
	 * @param duplicateOf the earlier candidate it nearly repeats (the answerer quotes only one of them), or -1
	 */
	public record SentenceScore(String quoted, int sourceIndex, int sentenceIndex, double position, double cosine,
			double lexical, int duplicateOf) {
	}


	/**
	 * @param sentences the cited sentences, or {@link #NOTHING_FOUND} alone
	 * @param promptTokens the tokens of the sources read to choose them
	 * @param found whether anything was quoted; when not, the answer is the abstention
	 * @param relevance the best sentence's cosine with the question, or {@code NaN} when nothing was scored
	 */
	private record Quotes(List<String> sentences, int promptTokens, boolean found, double relevance) {

		static Quotes nothing(int promptTokens, double relevance) {
			return new Quotes(List.of(NOTHING_FOUND), promptTokens, false, relevance);
		}

	}

	/** {@code score}: what {@link Selection} makes of the cosine and the other signals. */
	private record Scored(Candidate candidate, float[] vector, double cosine, double score) {
	}

}
