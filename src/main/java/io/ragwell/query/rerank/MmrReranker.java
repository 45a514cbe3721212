package io.ragwell.query.rerank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Embedder;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998): picks, one at a time, the candidate most
 * similar to the question and least similar to what was already picked, so near-duplicate chunks (the same
 * passage ingested twice, overlapping chunks) do not fill the context. Relevance and redundancy are both the
 * cosine of chunk embeddings, so no model call is needed: the vectors are read back from the store, and only
 * a store that cannot return them makes this embed the candidates' text.
 */
public final class MmrReranker implements Reranker {

	/** Mostly relevance, some diversity: the default of LangChain's and Spring AI's MMR retrievers. */
	public static final double DEFAULT_LAMBDA = 0.7;

	private final VectorStore store;

	private final Embedder embedder;

	private final double lambda;

	/**
	 * @param store where the candidates' vectors are read
	 * @param embedder embeds the question (when the request carries no vector) and any candidate the store
	 * returned no vector for
	 * @param lambda relevance weight, 0 to 1: 1 is pure relevance, 0 pure diversity
	 */
	public MmrReranker(VectorStore store, Embedder embedder, double lambda) {
		if (!(lambda >= 0.0 && lambda <= 1.0)) {
			throw new IllegalArgumentException("ragwell.rerank.lambda must be between 0 and 1, was " + lambda);
		}
		this.store = store;
		this.embedder = embedder;
		this.lambda = lambda;
	}

	@Override
	public List<SearchResult> rerank(RerankRequest request) {
		List<SearchResult> candidates = request.candidates();
		if (candidates.isEmpty()) {
			return List.of();
		}
		float[] query = (request.queryVector() != null) ? request.queryVector()
				: this.embedder.embedQuery(request.query());
		Map<String, float[]> stored = this.store.chunkVectors(request.namespace(),
				candidates.stream().map(result -> result.chunk().id()).toList());
		List<float[]> vectors = new ArrayList<>(candidates.size());
		for (SearchResult candidate : candidates) {
			float[] vector = stored.get(candidate.chunk().id());
			vectors.add((vector != null) ? vector : this.embedder.embed(candidate.chunk().content()));
		}
		List<Selection> selected = select(query, vectors, this.lambda, request.topN());
		List<SearchResult> results = new ArrayList<>(selected.size());
		for (Selection selection : selected) {
			results.add(candidates.get(selection.index()).reranked(results.size() + 1, selection.score()));
		}
		return List.copyOf(results);
	}

	/**
	 * Greedy MMR selection: repeatedly takes the candidate maximising
	 * {@code lambda * cos(query, c) - (1 - lambda) * max over selected s of cos(c, s)}.
	 * @param query the question's embedding
	 * @param candidates the candidates' embeddings, in retrieval order, each as long as {@code query}
	 * @param lambda relevance weight, 0 to 1
	 * @param topN how many to select, 1 or more
	 * @return {@code min(topN, candidates.size())} selections in selection order, each with its candidate's
	 * index and the MMR value it was selected with (the redundancy term is 0 for the first pick); ties go to
	 * the earlier candidate, so with {@code lambda = 1} the order is by cosine to the query
	 */
	public static List<Selection> select(float[] query, List<float[]> candidates, double lambda, int topN) {
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
		int n = candidates.size();
		double[] relevance = new double[n];
		for (int i = 0; i < n; i++) {
			relevance[i] = cosine(query, candidates.get(i));
		}
		// Highest similarity of each candidate to anything selected so far, updated after every pick: O(n * k).
		double[] redundancy = new double[n];
		boolean[] taken = new boolean[n];
		List<Selection> selections = new ArrayList<>(Math.min(topN, n));
		while (selections.size() < Math.min(topN, n)) {
			int best = -1;
			double bestScore = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				if (taken[i]) {
					continue;
				}
				double score = lambda * relevance[i] - (1.0 - lambda) * (selections.isEmpty() ? 0.0 : redundancy[i]);
				if (score > bestScore) {
					best = i;
					bestScore = score;
				}
			}
			taken[best] = true;
			selections.add(new Selection(best, bestScore));
			for (int i = 0; i < n; i++) {
				if (!taken[i]) {
					double similarity = cosine(candidates.get(i), candidates.get(best));
					redundancy[i] = (selections.size() == 1) ? similarity : Math.max(redundancy[i], similarity);
				}
			}
		}
		return List.copyOf(selections);
	}

	/** Cosine similarity; 0 when either vector is all zeros. */
	static double cosine(float[] a, float[] b) {
		if (a.length != b.length) {
			throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length);
		}
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += (double) a[i] * b[i];
			normA += (double) a[i] * a[i];
			normB += (double) b[i] * b[i];
		}
		return (normA == 0 || normB == 0) ? 0.0 : dot / Math.sqrt(normA * normB);
	}

	/**
	 * @param index position of the selected candidate in the input list
	 * @param score its MMR value when selected
	 */
	public record Selection(int index, double score) {
	}

	@Override
	public String name() {
		return "mmr";
	}

}
