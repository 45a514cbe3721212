package io.ragwell.eval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What one evaluation measured: metrics averaged over queries (every query weighs the same).
 *
 * @param dataset dataset directory name, or {@code live} for the index behind {@code POST /evaluations}
 * @param split relevance-judgment split ({@code test}, {@code train}…), or null for ad-hoc judgments
 * @param mode retrieval mode: dense, sparse or hybrid
 * @param model embedding model
 * @param queries judged queries evaluated
 * @param ndcgAt10 mean nDCG@10 (graded, linear gains)
 * @param recallAt10 mean recall@10
 * @param recallAt100 mean recall@100
 * @param mrrAt10 mean reciprocal rank of the first relevant document within the first 10
 * @param latencyMs per-query retrieval latency: query embedding, search and ranking documents
 * @param ingest how the corpus was ingested, or null when the index already existed
 * @param perQuery each query's metrics and top documents
 */
public record EvaluationReport(String dataset, @Nullable String split, String mode, String model, int queries,
		@JsonProperty("ndcg_at_10") double ndcgAt10, @JsonProperty("recall_at_10") double recallAt10,
		@JsonProperty("recall_at_100") double recallAt100, @JsonProperty("mrr_at_10") double mrrAt10, Latency latencyMs,
		@Nullable IngestStats ingest, List<QueryScore> perQuery) {

	public EvaluationReport {
		perQuery = List.copyOf(perQuery);
	}

	public EvaluationReport withIngest(IngestStats stats) {
		return new EvaluationReport(this.dataset, this.split, this.mode, this.model, this.queries, this.ndcgAt10,
				this.recallAt10, this.recallAt100, this.mrrAt10, this.latencyMs, stats, this.perQuery);
	}

	/**
	 * @param p50 median, milliseconds
	 * @param p99 99th percentile, milliseconds
	 */
	public record Latency(double p50, double p99) {
	}

	/**
	 * @param documents documents ingested
	 * @param chunks chunks they were split into
	 * @param embedded chunk texts that needed a model call (re-ingesting an unchanged corpus embeds none)
	 * @param seconds wall time of the whole ingestion
	 * @param embeddingsPerSecond {@code embedded / seconds}
	 */
	public record IngestStats(int documents, int chunks, int embedded, double seconds, double embeddingsPerSecond) {
	}

	/**
	 * @param id query id
	 * @param ndcgAt10 nDCG@10
	 * @param recallAt100 recall@100
	 * @param reciprocalRankAt10 reciprocal rank within the first 10
	 * @param top the first 10 document ids retrieved
	 */
	public record QueryScore(String id, @JsonProperty("ndcg_at_10") double ndcgAt10,
			@JsonProperty("recall_at_100") double recallAt100,
			@JsonProperty("reciprocal_rank_at_10") double reciprocalRankAt10,
			List<String> top) {
	}

}
