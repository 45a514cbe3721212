package io.ragwell.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.ragwell.core.Embedder;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.eval.AnswerGrounding.Statement;
import io.ragwell.eval.AnswerMetrics.Outcome;
import io.ragwell.eval.AnswerMetrics.SentenceRef;
import io.ragwell.eval.ClaimsDataset.Claim;
import io.ragwell.llm.extractive.ExtractiveLlmClient;
import io.ragwell.llm.openai.LlmProperties;
import io.ragwell.query.QueryResponse;
import io.ragwell.query.RagService;
import io.ragwell.query.plan.QueryRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Measures answers at the sentence level: every claim goes through {@link RagService#query} exactly as
 * {@code POST /query} does (retrieval, context, the configured answerer), and the answer's citations are mapped
 * back to corpus sentences ({@link AnswerGrounding}) and scored against the gold rationales
 * ({@link AnswerMetrics}).
 */
@Component
public class AnswerEvaluator {

	/** Thresholds of the reported curve: bge-small's question-sentence cosines fall between these. */
	static final double CURVE_FROM = 0.30;

	static final double CURVE_TO = 0.95;

	static final double CURVE_STEP = 0.01;

	private final RagService rag;

	private final Embedder embedder;

	private final LlmProperties llm;

	private final ObjectProvider<ExtractiveLlmClient> extractive;

	public AnswerEvaluator(RagService rag, Embedder embedder, LlmProperties llm,
			ObjectProvider<ExtractiveLlmClient> extractive) {
		this.rag = rag;
		this.embedder = embedder;
		this.llm = llm;
		this.extractive = extractive;
	}

	/**
	 * Asks every claim and scores the answers.
	 * @param namespace tenant partition holding the corpus
	 * @param dataset name reported back
	 * @param split claims split reported back
	 * @param claims the claims and the corpus sentences
	 * @param progress where progress lines go
	 * @return the report
	 */
	public AnswerReport evaluate(String namespace, String dataset, String split, ClaimsDataset claims,
			PrintStream progress) {
		return evaluate(namespace, dataset, split, claims, progress, null);
	}

	/**
	 * Asks every claim and scores the answers, and records what the extractive answerer weighed for each claim.
	 * @param namespace tenant partition holding the corpus
	 * @param dataset name reported back
	 * @param split claims split reported back
	 * @param claims the claims and the corpus sentences
	 * @param progress where progress lines go
	 * @param features receives one record per claim: its sources and every candidate sentence with its signals
	 * and the corpus sentences it maps to (null: none; nothing either when the answerer is not extractive)
	 * @return the report
	 */
	public AnswerReport evaluate(String namespace, String dataset, String split, ClaimsDataset claims,
			PrintStream progress, @Nullable Consumer<Map<String, Object>> features) {
		ExtractiveLlmClient explainer = (features != null) ? this.extractive.getIfAvailable() : null;
		List<Outcome> outcomes = new ArrayList<>();
		List<AnswerReport.ClaimScore> perClaim = new ArrayList<>();
		List<Double> latencies = new ArrayList<>();
		String answerer = "";
		Progress meter = new Progress(progress, "answers", claims.claims().size(), "claims");
		for (Claim claim : claims.claims()) {
			long start = System.nanoTime();
			QueryResponse response = this.rag.query(namespace, new QueryRequest(claim.text(), null, null, null));
			latencies.add((System.nanoTime() - start) / 1e6);
			answerer = response.mode();
			Set<SentenceRef> cited = response.abstained() ? Set.of()
					: cited(response.answer(), response.sources(), claims);
			Outcome outcome = new Outcome(claim, response.abstained(), response.relevance(), cited);
			outcomes.add(outcome);
			int gold = (int) cited.stream()
				.filter((ref) -> claim.rationales().getOrDefault(ref.documentId(), Set.of()).contains(ref.sentence()))
				.count();
			if (features != null && explainer != null) {
				features.accept(features(claim, response, explainer, claims));
			}
			perClaim.add(new AnswerReport.ClaimScore(claim.id(), claim.label(), response.abstained(),
					Double.isNaN(response.relevance()) ? null : Evaluator.round(response.relevance(), 4),
					cited.stream().map(SentenceRef::toString).sorted().toList(), gold));
			meter.step();
		}
		meter.done();
		AnswerMetrics.Rates rates = AnswerMetrics.score(outcomes);
		boolean scored = outcomes.stream().anyMatch((outcome) -> !Double.isNaN(outcome.relevance()));
		List<AnswerMetrics.Rates> curve = scored
				? AnswerMetrics.curve(outcomes, CURVE_FROM, CURVE_TO, CURVE_STEP) : List.of();
		int answerable = (int) claims.claims().stream().filter(Claim::answerable).count();
		return new AnswerReport(dataset, split, answerer, "extractive".equals(answerer) ? this.embedder.modelName() : this.llm.model(), claims.claims().size(), answerable,
				claims.claims().size() - answerable, rates.evidenceHit(), rates.citationPrecision(),
				rates.abstainRateNei(), rates.falseAbstainRate(),
				new EvaluationReport.Latency(Evaluator.round(RetrievalMetrics.percentile(latencies, 50), 2),
						Evaluator.round(RetrievalMetrics.percentile(latencies, 99), 2)),
				curve, perClaim);
	}

	/** One claim's record for {@code --answer-features}: what the answerer could choose from, and what is gold. */
	private static Map<String, Object> features(Claim claim, QueryResponse response, ExtractiveLlmClient explainer,
			ClaimsDataset claims) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("id", claim.id());
		record.put("label", claim.label());
		Map<String, List<Integer>> rationales = new LinkedHashMap<>();
		claim.rationales().forEach((doc, sentences) -> rationales.put(doc, sentences.stream().sorted().toList()));
		record.put("rationales", rationales);
		List<Map<String, Object>> sources = new ArrayList<>();
		for (SearchResult source : response.sources()) {
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("doc", source.chunk().documentId());
			s.put("position", source.chunk().position());
			s.put("score", source.score());
			s.put("dense", source.denseScore());
			s.put("sparse", source.sparseScore());
			sources.add(s);
		}
		record.put("sources", sources);
		List<Map<String, Object>> sentences = new ArrayList<>();
		for (ExtractiveLlmClient.SentenceScore sentence : explainer
			.explain(new LlmRequest(claim.text(), response.sources(), ""))) {
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("src", sentence.sourceIndex());
			s.put("i", sentence.sentenceIndex());
			s.put("pos", Evaluator.round(sentence.position(), 4));
			s.put("cos", Evaluator.round(sentence.cosine(), 5));
			s.put("bm25", Evaluator.round(sentence.lexical(), 4));
			s.put("dup", sentence.duplicateOf());
			s.put("refs", cited(sentence.quoted(), response.sources(), claims).stream()
				.map(SentenceRef::toString)
				.toList());
			sentences.add(s);
		}
		record.put("sentences", sentences);
		return record;
	}

	/** The corpus sentences an answer's citations point at; a citation outside the sources points at nothing. */
	static Set<SentenceRef> cited(String answer, List<SearchResult> sources, ClaimsDataset claims) {
		Set<SentenceRef> cited = new LinkedHashSet<>();
		List<Statement> statements = AnswerGrounding.statements(answer);
		for (int s = 0; s < statements.size(); s++) {
			Statement statement = statements.get(s);
			for (int number : statement.sources()) {
				if (number < 1 || number > sources.size()) {
					// A citation of a source that is not there is a wrong citation.
					cited.add(new SentenceRef("", -1 - s));
					continue;
				}
				String documentId = sources.get(number - 1).chunk().documentId();
				List<String> sentences = claims.sentences().getOrDefault(documentId, List.of());
				Set<Integer> matched = AnswerGrounding.matchingSentences(statement.text(), sentences);
				// A statement that is no sentence of the cited abstract (its title, or words it does not hold)
				// still counts as one cited sentence, and not a gold one.
				if (matched.isEmpty()) {
					cited.add(new SentenceRef(documentId, -1 - s));
				}
				for (int index : matched) {
					cited.add(new SentenceRef(documentId, index));
				}
			}
		}
		return cited;
	}

}
