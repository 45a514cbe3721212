package io.ragwell.llm.openai;

import java.time.Duration;

import io.ragwell.llm.extractive.Selection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.llm.*}.
 *
 * @param provider {@code extractive} (offline, default) or {@code openai} (any OpenAI-compatible endpoint)
 * @param baseUrl endpoint root including {@code /v1}, e.g. {@code http://localhost:11434/v1} for Ollama
 * @param apiKey bearer token; never logged
 * @param model model name sent to the endpoint
 * @param timeout per-call timeout
 * @param maxTokens completion token cap
 * @param temperature sampling temperature
 * @param maxSentences sentences the extractive answerer composes
 * @param sentenceCacheSize source-sentence vectors the extractive answerer keeps (0: none)
 * @param streamReadTimeout longest silence while streaming: before the first chunk and between two chunks. The
 * per-call {@code timeout} still bounds the whole stream; this one notices a stalled stream long before it
 * @param extractive the extractive answerer's abstention threshold and sentence selection
 */
@Validated
@ConfigurationProperties("ragwell.llm")
public record LlmProperties(@DefaultValue("extractive") @NotBlank String provider,
		@DefaultValue("https://api.openai.com/v1") String baseUrl, @Nullable String apiKey,
		@DefaultValue("gpt-4o-mini") String model, @DefaultValue("60s") Duration timeout,
		@DefaultValue("512") @Min(1) int maxTokens, @DefaultValue("0.1") double temperature,
		@DefaultValue("3") @Min(1) int maxSentences, @DefaultValue("20000") @Min(0) int sentenceCacheSize,
		@DefaultValue("30s") Duration streamReadTimeout, @DefaultValue @Valid Extractive extractive) {

	/** The extractive answerer's threshold, {@code ragwell.llm.extractive.min-relevance}. */
	public double minRelevance() {
		return this.extractive.minRelevance();
	}

	/** The extractive answerer's lexical pre-selection, {@code ragwell.llm.extractive.embed-candidates}. */
	public int embedCandidates() {
		return this.extractive.embedCandidates();
	}

	/** How far below the best sentence a quoted one may score, {@code ragwell.llm.extractive.max-gap}. */
	public double maxGap() {
		return this.extractive.maxGap();
	}

	/** How the extractive answerer ranks sentences and how many sources it quotes. */
	public Selection selection() {
		return new Selection(this.extractive.lexicalWeight(), this.extractive.sourceWeight(),
				this.extractive.positionWeight(), this.extractive.maxSources(), this.extractive.readSources(),
				this.extractive.skipTitles());
	}

	/**
	 * {@code ragwell.llm.extractive.*}.
	 *
	 * @param minRelevance the answer is {@link io.ragwell.core.LlmAnswer#ABSTENTION} when no source sentence's
	 * cosine with the question reaches this (0 to 1; 0 declines only when nothing is even loosely related). The
	 * default, 0.72, declines at most 3 % of answerable SciFact claims (train and dev, bge-small-en-v1.5-q, the
	 * default selection below); the train claims' 10 % point, 0.76, declines half of the NOT ENOUGH INFO claims
	 * but 13 % of dev's answerable ones and plain questions such as the README's (docs/EVALUATION.md). Another
	 * model spreads its cosines differently and needs its own value (all-minilm-l6-v2-q's are lower).
	 * @param embedCandidates sentences embedded per answer at most: the sources' sentences are ranked by BM25
	 * against the question and only the best this many are embedded and compared (0: all of them)
	 * @param maxGap a sentence whose cosine is more than this below the best sentence's is not quoted, even when
	 * {@code max-sentences} leaves room (1: no cut); a weaker sentence dilutes the citations. With the weights
	 * below it applies to the combined score
	 * @param lexicalWeight added to a sentence's cosine times its BM25 against the question as a share of the best
	 * candidate's (0..1; 0: the cosine alone). The defaults of this and the next two weights are tuned on SciFact
	 * train claims (a grid over the claims' recorded sentences, docs/EVALUATION.md)
	 * @param sourceWeight subtracted from a sentence's score per retrieval rank of its source below the first
	 * (0..1; 0: every source alike)
	 * @param positionWeight added times the sentence's place in its chunk, 0 first to 1 last (0..1)
	 * @param maxSources the answer quotes sentences from at most this many sources, those of its best
	 * sentences (1 or more)
	 * @param readSources the answerer reads only the first this many sources (retrieval order): the others'
	 * sentences are neither embedded nor quoted, which makes an answer cheaper (1 or more)
	 * @param skipTitles a document's title line (the one-line, one-sentence opening paragraph of its first chunk)
	 * is not quoted: it names the topic without stating anything
	 */
	public record Extractive(@DefaultValue("0.72") @DecimalMin("0.0") @DecimalMax("1.0") double minRelevance,
			@DefaultValue("0") @Min(0) int embedCandidates,
			@DefaultValue("1.0") @DecimalMin("0.0") @DecimalMax("2.0") double maxGap,
			@DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double lexicalWeight,
			@DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("1.0") double sourceWeight,
			@DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double positionWeight,
			@DefaultValue("2147483647") @Min(1) int maxSources, @DefaultValue("3") @Min(1) int readSources,
			@DefaultValue("true") boolean skipTitles) {
	}


	@Override
	public String toString() {
		// The key stays out of logs and actuator output.
		return "LlmProperties[provider=" + this.provider + ", baseUrl=" + this.baseUrl + ", model=" + this.model
				+ ", apiKey=" + (this.apiKey == null ? "unset" : "****") + "]";
	}

}
