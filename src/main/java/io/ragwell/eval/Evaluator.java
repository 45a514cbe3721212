package io.ragwell.eval;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ragwell.core.Embedder;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.IngestResult;
import io.ragwell.ingest.IngestService;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.query.rerank.RerankProperties;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.rank.ScoreNormalization;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Measures retrieval quality through the real pipelines: documents go in through {@link IngestService}
 * (chunking, embedding, one durable write per batch), queries go through {@link HybridRetriever} exactly as
 * {@code /search} does, then through the configured {@link Reranker} as {@code /query} does, and the retrieved
 * chunks are ranked as documents for the metrics.
 */
@Component
public class Evaluator {

	/** Documents per ingest call: large enough to keep every embedding thread busy, well under the API's cap. */
	static final int INGEST_BATCH = 64;

	/** Documents ranked per query: enough for recall@100. */
	public static final int DEFAULT_DEPTH = 100;

	// Chunks fetched per ranked document: a document split into several chunks takes several places in the
	// chunk ranking, so twice the depth in chunks still yields {@code depth} distinct documents on SciFact.
	private static final int CHUNKS_PER_DOCUMENT = 2;

	private final IngestService ingestService;

	private final HybridRetriever retriever;

	private final Embedder embedder;

	private final Reranker reranker;

	private final int rerankCandidates;

	public Evaluator(IngestService ingestService, HybridRetriever retriever, Embedder embedder, Reranker reranker,
			RerankProperties rerankProperties) {
		this.ingestService = ingestService;
		this.retriever = retriever;
		this.embedder = embedder;
		this.reranker = reranker;
		this.rerankCandidates = rerankProperties.candidates();
	}

	/**
	 * Ingests documents in batches through the real ingestion pipeline.
	 * @param namespace tenant partition to write to
	 * @param documents documents with ids and content
	 * @return counts and timing
	 */
	public EvaluationReport.IngestStats ingest(String namespace, List<DocumentInput> documents) {
		return ingest(namespace, documents, new PrintStream(OutputStream.nullOutputStream()));
	}

	/**
	 * Ingests documents in batches through the real ingestion pipeline, reporting progress.
	 * @param namespace tenant partition to write to
	 * @param documents documents with ids and content
	 * @param progress where progress lines go (documents, chunks, rate, time left)
	 * @return counts and timing
	 */
	public EvaluationReport.IngestStats ingest(String namespace, List<DocumentInput> documents,
			PrintStream progress) {
		long start = System.nanoTime();
		int chunks = 0;
		int embedded = 0;
		Progress meter = new Progress(progress, "ingest", documents.size(), "documents");
		for (int from = 0; from < documents.size(); from += INGEST_BATCH) {
			List<DocumentInput> batch = documents.subList(from, Math.min(from + INGEST_BATCH, documents.size()));
			for (IngestResult result : this.ingestService.ingest(namespace,
					new DocumentInput(null, null, null, null, batch))) {
				chunks += result.chunks();
				embedded += result.embedded();
			}
			meter.step(batch.size(), String.format(Locale.ROOT, "%,d chunks (%,d embedded)", chunks, embedded));
		}
		meter.done(String.format(Locale.ROOT, "%,d chunks (%,d embedded)", chunks, embedded));
		double seconds = (System.nanoTime() - start) / 1e9;
		return new EvaluationReport.IngestStats(documents.size(), chunks, embedded, round(seconds, 1),
				round(embedded / Math.max(seconds, 1e-9), 1));
	}

	/**
	 * Runs every query and averages the metrics.
	 * @param namespace tenant partition to search
	 * @param dataset name reported back
	 * @param split judgment split reported back, or null
	 * @param queries judged queries, at least one
	 * @param mode retrieval mode
	 * @param depth documents ranked per query, 1 or more
	 * @return the report, without ingestion figures
	 */
	public EvaluationReport evaluate(String namespace, String dataset, @Nullable String split,
			List<JudgedQuery> queries, SearchMode mode, int depth) {
		return evaluate(namespace, dataset, split, queries, mode, depth,
				new PrintStream(OutputStream.nullOutputStream()));
	}

	/**
	 * Runs every query and averages the metrics, reporting progress.
	 * @param namespace tenant partition to search
	 * @param dataset name reported back
	 * @param split judgment split reported back, or null
	 * @param queries judged queries, at least one
	 * @param mode retrieval mode
	 * @param depth documents ranked per query, 1 or more
	 * @param progress where progress lines go
	 * @return the report, without ingestion figures
	 */
	public EvaluationReport evaluate(String namespace, String dataset, @Nullable String split,
			List<JudgedQuery> queries, SearchMode mode, int depth, PrintStream progress) {
		return evaluate(namespace, dataset, split, queries, mode, this.retriever.defaults(), depth, progress,
				this.retriever, new HashMap<>());
	}

	/**
	 * Runs every query through {@code retriever} (the configured one with other feedback settings) and averages
	 * the metrics; query vectors are taken from and added to {@code vectors}, so a grid of settings embeds each
	 * query once (latency then excludes the embedding for all but the first setting).
	 * @param namespace tenant partition to search
	 * @param dataset name reported back
	 * @param split judgment split reported back, or null
	 * @param queries judged queries, at least one
	 * @param mode retrieval mode
	 * @param depth documents ranked per query, 1 or more
	 * @param progress where progress lines go
	 * @param retriever the retriever to measure
	 * @param vectors query vectors by query text, shared between calls
	 * @return the report, without ingestion figures
	 */
	public EvaluationReport evaluate(String namespace, String dataset, @Nullable String split,
			List<JudgedQuery> queries, SearchMode mode, int depth, PrintStream progress, HybridRetriever retriever,
			Map<String, float[]> vectors) {
		return evaluate(namespace, dataset, split, queries, mode, retriever.defaults(), depth, progress, retriever,
				vectors);
	}

	/**
	 * Runs every query with the given settings (a namespace's tuned ones, say) and averages the metrics.
	 * @param namespace tenant partition to search
	 * @param dataset name reported back
	 * @param split judgment split reported back, or null
	 * @param queries judged queries, at least one
	 * @param settings retrieval mode, fusion and depths
	 * @param depth documents ranked per query, 1 or more
	 * @param progress where progress lines go
	 * @return the report, without ingestion figures
	 */
	public EvaluationReport evaluate(String namespace, String dataset, @Nullable String split,
			List<JudgedQuery> queries, RetrievalSettings settings, int depth, PrintStream progress) {
		return evaluate(namespace, dataset, split, queries, settings.mode(), settings.fusionSettings(), depth,
				progress, this.retriever, new HashMap<>());
	}

	private EvaluationReport evaluate(String namespace, String dataset, @Nullable String split,
			List<JudgedQuery> queries, SearchMode mode, FusionSettings fusion, int depth, PrintStream progress,
			HybridRetriever retriever, Map<String, float[]> vectors) {
		if (queries.isEmpty()) {
			throw new IllegalArgumentException("at least one judged query is needed");
		}
		List<List<String>> rankings = new ArrayList<>(queries.size());
		List<Double> latencies = new ArrayList<>(queries.size());
		Progress meter = new Progress(progress, "queries (" + mode.name().toLowerCase(Locale.ROOT) + ")",
				queries.size(), "queries");
		for (JudgedQuery query : queries) {
			long start = System.nanoTime();
			float[] vector = (mode == SearchMode.SPARSE) ? null
					: vectors.computeIfAbsent(query.text(), this.embedder::embedQuery);
			List<SearchResult> chunks = retriever.retrieve(namespace, query.text(), vector,
					depth * CHUNKS_PER_DOCUMENT, null, mode, fusion);
			chunks = rerankHead(this.reranker, this.rerankCandidates, namespace, query.text(), vector, chunks);
			List<String> ranking = RetrievalMetrics.documentRanking(chunks);
			latencies.add((System.nanoTime() - start) / 1e6);
			rankings.add(ranking.subList(0, Math.min(depth, ranking.size())));
			meter.step();
		}
		meter.done();
		Scores scores = score(queries, rankings);
		return new EvaluationReport(dataset, split, mode.name().toLowerCase(Locale.ROOT), this.embedder.modelName(),
				queries.size(), scores.ndcg(), scores.recall10(), scores.recall100(), scores.mrr(),
				new EvaluationReport.Latency(round(RetrievalMetrics.percentile(latencies, 50), 2),
						round(RetrievalMetrics.percentile(latencies, 99), 2)),
				null, scores.perQuery());
	}

	/**
	 * Query-side tuning over one index: each query's dense and BM25 lists, fetched once at the deepest candidate
	 * depth ({@link FusionSweep#MAX_CANDIDATES}), for {@link FusionSweep} to score every fusion setting on.
	 * @param namespace tenant partition to search
	 * @param queries judged queries
	 * @param vectors query vectors by query text, shared with other runs over the same queries
	 * @return the lists, in the order of {@code queries}
	 */
	public List<FusionSweep.Lists> lists(String namespace, List<JudgedQuery> queries, Map<String, float[]> vectors) {
		List<FusionSweep.Lists> lists = new ArrayList<>(queries.size());
		for (JudgedQuery query : queries) {
			float[] vector = vectors.computeIfAbsent(query.text(), this.embedder::embedQuery);
			lists.add(new FusionSweep.Lists(
					this.retriever.retrieve(namespace, query.text(), vector, FusionSweep.MAX_CANDIDATES, null,
							SearchMode.DENSE),
					this.retriever.retrieve(namespace, query.text(), null, FusionSweep.MAX_CANDIDATES, null,
							SearchMode.SPARSE)));
		}
		return lists;
	}

	/**
	 * The sweep's baseline: the configured fusion as the configured run above reads it, each list
	 * {@code max(candidates, chunks fetched)} deep (the retriever reads at least as deep as it is asked).
	 */
	static FusionSweep.Setting baseline(FusionSettings configured) {
		int candidates = Math.min(FusionSweep.MAX_CANDIDATES,
				Math.max(configured.denseCandidates(), DEFAULT_DEPTH * CHUNKS_PER_DOCUMENT));
		return switch (configured.fusion()) {
			case RRF -> new FusionSweep.Setting(FusionSweep.RRF, configured.rrfK(), candidates, FusionSweep.CHUNK,
					ScoreNormalization.MIN_MAX);
			case WEIGHTED -> new FusionSweep.Setting(FusionSweep.RELATIVE_SCORE, configured.alpha(), candidates,
					FusionSweep.CHUNK, ScoreNormalization.MIN_MAX);
		};
	}

	/**
	 * Reranks the head of a ranking the way {@code RagService} does: the service hands the first
	 * {@code ragwell.rerank.candidates} chunks to the reranker and keeps what it returns. The eval needs a ranking
	 * deeper than that for recall@100, so the head is reordered in full (greedy rerankers such as MMR pick the
	 * same first {@code top_k} as the service would) and the rest follows in retrieval order.
	 * @param reranker the configured reranker (the null object keeps the head as it is)
	 * @param candidates chunks handed to the reranker, 1 or more
	 * @param namespace tenant partition the chunks came from
	 * @param query the question
	 * @param vector the question's embedding, or null for a sparse search
	 * @param chunks the retrieved ranking, best first
	 * @return the reranked head followed by the untouched tail
	 */
	static List<SearchResult> rerankHead(Reranker reranker, int candidates, String namespace, String query,
			float @Nullable [] vector, List<SearchResult> chunks) {
		if (chunks.isEmpty()) {
			return chunks;
		}
		List<SearchResult> head = chunks.subList(0, Math.min(candidates, chunks.size()));
		List<SearchResult> reranked = new ArrayList<>(
				reranker.rerank(new RerankRequest(namespace, query, vector, head, head.size())));
		reranked.addAll(chunks.subList(head.size(), chunks.size()));
		return reranked;
	}

	static Scores score(List<JudgedQuery> queries, List<List<String>> rankings) {
		double ndcg = 0;
		double recall10 = 0;
		double recall100 = 0;
		double mrr = 0;
		List<EvaluationReport.QueryScore> perQuery = new ArrayList<>(queries.size());
		for (int i = 0; i < queries.size(); i++) {
			JudgedQuery query = queries.get(i);
			List<String> ranking = rankings.get(i);
			double queryNdcg = RetrievalMetrics.ndcgAt(ranking, query.grades(), 10);
			double queryRecall100 = RetrievalMetrics.recallAt(ranking, query.grades(), 100);
			double rr = RetrievalMetrics.reciprocalRankAt(ranking, query.grades(), 10);
			ndcg += queryNdcg;
			recall10 += RetrievalMetrics.recallAt(ranking, query.grades(), 10);
			recall100 += queryRecall100;
			mrr += rr;
			perQuery.add(new EvaluationReport.QueryScore(query.id(), round(queryNdcg, 4), round(queryRecall100, 4),
					round(rr, 4), List.copyOf(ranking.subList(0, Math.min(10, ranking.size())))));
		}
		int n = queries.size();
		return new Scores(round(ndcg / n, 4), round(recall10 / n, 4), round(recall100 / n, 4), round(mrr / n, 4),
				perQuery);
	}

	static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	record Scores(double ndcg, double recall10, double recall100, double mrr,
			List<EvaluationReport.QueryScore> perQuery) {
	}

}
