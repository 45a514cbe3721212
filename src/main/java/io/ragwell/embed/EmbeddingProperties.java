package io.ragwell.embed;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.embedding.*}.
 *
 * @param provider {@code onnx} (in-process, default) or {@code openai}
 * @param model in-process model: {@code bge-small-en-v1.5-q} (default: the only one reaching 0.74 nDCG@10 hybrid on
 *     SciFact, 0.7438 vs 0.7251, at ~1.4x the ingestion time; docs/EVALUATION.md) or {@code all-minilm-l6-v2-q}
 *     (faster to ingest and query)
 * @param batchSize texts a model thread embeds for one request before queued work gets a turn: a query's embedding
 *     waits behind at most this many texts per thread while a large ingest runs (each text is its own model call)
 * @param threads model calls in flight at once; 0 means one per available core
 * @param maxQueuedTexts in-process texts not yet started that each class (queries, ingestion) holds; a request
 *     past it gets 503 {@code embedding-overloaded} with {@code Retry-After} (2048: about half a minute of work on
 *     two cores)
 * @param queueTimeout longest an in-process request waits without one of its texts starting; then its queued
 *     texts are dropped and it gets 503 {@code embedding-overloaded}
 * @param cpuArena keep ONNX Runtime's CPU memory arena (default): native memory grown for the largest model calls is
 *     kept for reuse, never returned; {@code false} allocates and frees each call's tensors with the call, which
 *     bounds the in-process model's native memory by the calls in flight (for small containers; see
  *     docs/PERFORMANCE.md, "Footprint")
 * @param callerRuns a lone query embedding that finds a model slot free runs on the request's own thread instead
 *     of being handed to a model thread and back (two thread wake-ups saved per query); off by default until a
 *     quiet-host A/B decides it (two noisy runs of three favoured it; docs/PERFORMANCE.md, "Issue 17, second pass")
 * @param sentenceVectors ingestion also stores, with each chunk, a vector per sentence (as the extractive answerer
 *     splits it) pooled from the token states of the chunk's own model call, and the extractive answerer scores
 *     those instead of embedding the sentences at query time (no sentence embedding per uncached {@code /query};
 *     about 2.2 KiB more per chunk in Lucene and OpenSearch; Weaviate and Pinecone keep none). Only the in-process
 *     model can pool spans. Chunks ingested before it was on get theirs when their document is next re-ingested
 *     changed; until then the answerer embeds their sentences. Off by default (docs/EVALUATION.md, "Sentence
 *     vectors pooled at ingestion")
 */
@Validated
@ConfigurationProperties("ragwell.embedding")
public record EmbeddingProperties(@DefaultValue("onnx") @NotBlank String provider,
		@DefaultValue("bge-small-en-v1.5-q") @NotBlank String model, @DefaultValue("8") @Min(1) int batchSize,
		@DefaultValue("0") @Min(0) int threads, @DefaultValue("2048") @Min(1) int maxQueuedTexts,
		@DefaultValue("30s") Duration queueTimeout, @DefaultValue("true") boolean cpuArena,
		@DefaultValue("false") boolean callerRuns, @DefaultValue("false") boolean sentenceVectors) {

	public int effectiveThreads() {
		return this.threads > 0 ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
