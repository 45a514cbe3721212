package io.ragwell.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.ragwell.core.Document;
import io.ragwell.core.SearchMode;
import io.ragwell.eval.EvaluationReport.IngestStats;
import io.ragwell.feedback.Feedback;
import io.ragwell.feedback.FeedbackJudgments;
import io.ragwell.feedback.QueryLogFile;
import io.ragwell.query.plan.PrfProperties;
import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.query.plan.TunedSettings;
import io.ragwell.query.retrieve.HybridRetriever;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ragwell.jar eval --dataset <dir> …}: ingests a BEIR dataset into a temporary index through
 * the real pipeline, runs its judged queries through the real retriever and prints the metrics. The
 * application runs without its web server; {@code --ragwell.*} arguments configure it as they would the
 * service.
 */
public final class EvalCommand {

	public static final String NAME = "eval";

	static final String USAGE = """
			usage: eval --dataset <dir> [--mode dense|sparse|hybrid|all] [--model all-minilm-l6-v2-q|bge-small-en-v1.5-q]
			            [--split test] [--limit N] [--out report.json] [--sweep [--lists]] [--index <dir>] [--answers]
			            [--answer-features]
			            [--prf-grid DOCS:DENSE:TERMS:QW;...] [--ragwell.key=value ...]
			       eval --feedback <file> --index <dir> [--namespace default] [--mode …] [--out report.json]
			            [--ragwell.query-log.path=<dir>] [--ragwell.key=value ...]
			  --dataset  a BEIR directory: corpus.jsonl, queries.jsonl, qrels/<split>.tsv
			  --mode     retrieval mode to evaluate (default hybrid); all = each mode over one ingestion
			  --model    in-process embedding model (default: ragwell.embedding.model)
			  --split    qrels file to judge with (default test)
			  --limit    only the first N judged queries, over their judged documents plus 9 distractors each
			  --out      also write the report as JSON (an array of reports for --mode all)
			  --sweep    also score a grid of hybrid fusion settings on the same lists (tuning; use --split train)
			  --lists    with --sweep and --out: also write each query's dense and BM25 lists (<out>.lists.jsonl)
			  --index    keep the index in this directory; a re-run re-ingests nothing that is unchanged
			  --prf-grid also score these pseudo-relevance feedback settings (ragwell.query.prf: feedback chunks,
			             dense weight, expansion terms, query weight), e.g. 5:0.5:0:2;5:0:10:2, each query embedded once
			  --answers  also ask every SciFact claim of the split (<dataset>/claims/, test = dev claims) through
			             /query's answer path and score sentence-level grounding (<out>.answers.json)
			  --answer-features with --answers and --out: also write every sentence the extractive answerer
			             weighed per claim, with its signals and gold mapping (<out>.answer-features.jsonl; tuning)
			  --feedback the service's feedback log (feedback.jsonl) or a GET /feedback export: joined to the query
			             log (ragwell.query-log.path) into judgments (up = relevant source, down = not), scored on
			             the service's index (--index, the service stopped: the index is locked while it runs) with
			             the namespace's current settings (tuned, else configured; --mode overrides) and the
			             configured ones
			  --namespace whose feedback, questions and settings (default: default)
			progress goes to stderr, results to stdout
			""";

	private EvalCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code eval}
	 * @param out where the table goes
	 * @param application the Spring Boot application class to start (passed in by the entry point, so this
	 * package does not import the root package that dispatches to it)
	 * @return the process exit code: 0 on success, 1 on bad arguments or a failed run
	 */
	public static int run(String[] args, PrintStream out, Class<?> application) {
		return run(args, out, System.err, application);
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code eval}
	 * @param out where the tables go
	 * @param progress where progress lines go (stderr for the command line)
	 * @param application the Spring Boot application class to start
	 * @return the process exit code: 0 on success, 1 on bad arguments or a failed run
	 */
	public static int run(String[] args, PrintStream out, PrintStream progress, Class<?> application) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			out.println("eval: " + ex.getMessage());
			out.print(USAGE);
			return 1;
		}
		if (options.feedback() != null) {
			return runFeedback(options, out, progress, application);
		}
		Path index = null;
		try {
			index = (options.index() != null) ? options.index() : Files.createTempDirectory("ragwell-eval");
			Path datasetDir = Objects.requireNonNull(options.dataset(), "--dataset");
			BeirDataset dataset = BeirDataset.read(datasetDir, options.split(), options.limit());
			// Read before the slow start, so a missing claims file fails in a second, not after the ingestion.
			ClaimsDataset claims = options.answers() ? ClaimsDataset.read(datasetDir, options.split(),
					dataset.queries().stream().map(JudgedQuery::id).toList()) : null;
			try (ConfigurableApplicationContext context = start(application, options, index)) {
				evaluate(context, options, dataset, claims, out, progress);
			}
			return 0;
		}
		catch (IllegalArgumentException ex) {
			out.println("eval: " + ex.getMessage());
			return 1;
		}
		catch (IOException | RuntimeException ex) {
			out.println("eval failed: " + ex);
			return 1;
		}
		finally {
			if (options.index() == null && index != null) {
				deleteRecursively(index);
			}
		}
	}

	/** {@code eval --feedback}: the namespace's feedback as judgments, scored on the service's own index. */
	private static int runFeedback(Options options, PrintStream out, PrintStream progress, Class<?> application) {
		Path file = Objects.requireNonNull(options.feedback());
		Path index = Objects.requireNonNull(options.index());
		try (ConfigurableApplicationContext context = start(application, options, index)) {
			TuningLimits limits = TuningLimits.of(context);
			List<Feedback> feedback = FeedbackFile.read(file, options.namespace(), limits.maxFeedback());
			Set<String> ids = new HashSet<>();
			feedback.forEach((rating) -> ids.add(rating.queryId()));
			FeedbackJudgments.Result judged = FeedbackJudgments.join(feedback,
					context.getBean(QueryLogFile.class).read(options.namespace(), ids), limits.maxQueries());
			out.printf(Locale.ROOT,
					"feedback: %d records of namespace %s, %d joined to a logged question, %d not in the query log, %d"
							+ " naming no returned source; %d judged questions (%d without a relevant source, %d over"
							+ " the cap left out)%n",
					judged.feedback(), options.namespace(), judged.joined(), judged.unmatched(), judged.withoutSources(),
					judged.judgments().size(), judged.withoutRelevant(), judged.capped());
			List<JudgedQuery> queries = FeedbackFile.judgedQueries(judged);
			if (queries.isEmpty()) {
				out.println("eval: no judged questions: nothing to evaluate (a judged question is a logged question"
						+ " with a source rated up)");
				return 1;
			}
			Evaluator evaluator = context.getBean(Evaluator.class);
			TunedSettings tuned = context.getBean(TunedSettings.class);
			RetrievalSettings configured = RetrievalSettings.of(
					SearchMode.parse(context.getEnvironment().getProperty("ragwell.query.default-mode", "hybrid")),
					context.getBean(HybridRetriever.class).defaults());
			RetrievalSettings current = Objects.requireNonNullElse(tuned.current(options.namespace()), configured);
			List<RetrievalSettings> settings = new ArrayList<>();
			if (options.modeGiven()) {
				for (SearchMode mode : options.modes()) {
					settings.add(new RetrievalSettings(mode, current.fusion(), current.alpha(), current.rrfK(),
							current.candidates()));
				}
			}
			else {
				settings.add(current);
				if (!current.equals(configured)) {
					settings.add(configured);
				}
			}
			List<EvaluationReport> reports = new ArrayList<>();
			for (RetrievalSettings setting : settings) {
				out.println("settings: " + setting.describe()
						+ (setting.equals(current) ? " (current" + (current.equals(configured) ? ", configured)" : ", tuned)")
								: setting.equals(configured) ? " (configured)" : ""));
				reports.add(evaluator.evaluate(options.namespace(), "feedback:" + file.getFileName(), null, queries,
						setting, Evaluator.DEFAULT_DEPTH, progress));
			}
			out.print(table(reports));
			if (options.out() != null) {
				Path parent = options.out().toAbsolutePath().getParent();
				if (parent != null) {
					Files.createDirectories(parent);
				}
				Object body = (reports.size() == 1) ? reports.get(0) : reports;
				Files.writeString(options.out(),
						context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(body));
				out.println("wrote " + options.out());
			}
			return 0;
		}
		catch (IllegalArgumentException ex) {
			out.println("eval: " + ex.getMessage());
			return 1;
		}
		catch (IOException | RuntimeException ex) {
			out.println("eval failed: " + ex);
			return 1;
		}
	}

	/** The caps {@code POST /tuning} applies, so the command reads no more than the service would. */
	private record TuningLimits(int maxFeedback, int maxQueries) {

		static TuningLimits of(ConfigurableApplicationContext context) {
			return new TuningLimits(context.getEnvironment().getProperty("ragwell.tuning.max-feedback", Integer.class, 50_000),
					context.getEnvironment().getProperty("ragwell.tuning.max-queries", Integer.class, 500));
		}

	}

	private static ConfigurableApplicationContext start(Class<?> applicationClass, Options options, Path index) {
		SpringApplication application = new SpringApplication(applicationClass);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
		List<String> springArgs = new ArrayList<>();
		springArgs.add("--spring.main.web-application-type=none");
		// Per-document ingest lines would drown the table; warnings and errors still show.
		springArgs.add("--logging.level.root=WARN");
		// A command is read by a person: plain lines, whatever the terminal detection says, unless asked otherwise.
		if (options.passThrough().stream().noneMatch((arg) -> arg.startsWith("--logging.structured."))) {
			springArgs.add("--logging.structured.format.console=text");
		}
		springArgs.add("--ragwell.store.lucene.path=" + index);
		if (options.model() != null) {
			springArgs.add("--ragwell.embedding.model=" + options.model());
		}
		springArgs.addAll(options.passThrough());
		return application.run(springArgs.toArray(String[]::new));
	}

	private static void evaluate(ConfigurableApplicationContext context, Options options, BeirDataset dataset,
			@Nullable ClaimsDataset claims, PrintStream out, PrintStream progress) throws IOException {
		Evaluator evaluator = context.getBean(Evaluator.class);
		String namespace = Document.DEFAULT_NAMESPACE;
		out.printf("ingesting %d documents of %s%n", dataset.documents().size(), dataset.name());
		IngestStats ingest = evaluator.ingest(namespace, dataset.documents(), progress);
		out.printf("ingested %d documents as %d chunks in %.1f s (%d embeddings, %.1f embeddings/s)%n",
				ingest.documents(), ingest.chunks(), ingest.seconds(), ingest.embedded(), ingest.embeddingsPerSecond());
		List<EvaluationReport> reports = new ArrayList<>();
		HybridRetriever retriever = context.getBean(HybridRetriever.class);
		// Each query is embedded once for all the runs below: only the first run's latency includes the embedding.
		Map<String, float[]> vectors = new HashMap<>();
		for (SearchMode mode : options.modes()) {
			reports.add(evaluator
				.evaluate(namespace, dataset.name(), options.split(), dataset.queries(), mode, Evaluator.DEFAULT_DEPTH,
						progress, retriever, vectors)
				.withIngest(ingest));
		}
		List<String> labels = new ArrayList<>();
		if (!options.prfGrid().isEmpty()) {
			for (PrfProperties feedback : options.prfGrid()) {
				for (SearchMode mode : options.modes()) {
					EvaluationReport report = evaluator.evaluate(namespace, dataset.name(), options.split(),
							dataset.queries(), mode, Evaluator.DEFAULT_DEPTH, progress, retriever.withFeedback(feedback),
							vectors);
					reports.add(report.withIngest(ingest));
					labels.add(describe(feedback));
				}
			}
		}
		out.print(table(reports, labels));
		JsonMapper json = context.getBean(JsonMapper.class);
		if (options.out() != null) {
			Object body = (reports.size() == 1) ? reports.get(0) : reports;
			Path parent = options.out().toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(options.out(), json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
			out.println("wrote " + options.out());
		}
		if (options.out() != null && !labels.isEmpty()) {
			int configured = reports.size() - labels.size();
			List<FeedbackPoint> points = new ArrayList<>(labels.size());
			for (int i = 0; i < labels.size(); i++) {
				points.add(new FeedbackPoint(labels.get(i), reports.get(configured + i)));
			}
			Path prfFile = options.out().resolveSibling(options.out().getFileName() + ".prf.json");
			Files.writeString(prfFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(points));
			out.println("wrote " + prfFile);
		}
		if (claims != null) {
			AnswerReport answers;
			if (options.answerFeatures() && options.out() != null) {
				Path featuresFile = options.out()
					.resolveSibling(options.out().getFileName() + ".answer-features.jsonl");
				try (BufferedWriter writer = Files.newBufferedWriter(featuresFile)) {
					answers = context.getBean(AnswerEvaluator.class)
						.evaluate(namespace, dataset.name(), ClaimsDataset.claimsSplit(options.split()), claims,
								progress, (record) -> {
									try {
										writer.write(json.writeValueAsString(record));
										writer.newLine();
									}
									catch (IOException ex) {
										throw new UncheckedIOException(ex);
									}
								});
				}
				out.println("wrote " + featuresFile);
			}
			else {
				answers = context.getBean(AnswerEvaluator.class)
					.evaluate(namespace, dataset.name(), ClaimsDataset.claimsSplit(options.split()), claims, progress);
			}
			out.print(answersTable(answers));
			if (options.out() != null) {
				Path answersFile = options.out().resolveSibling(options.out().getFileName() + ".answers.json");
				Files.writeString(answersFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(answers));
				out.println("wrote " + answersFile);
			}
		}
		if (options.sweep()) {
			List<FusionSweep.Lists> lists = evaluator.lists(namespace, dataset.queries(), vectors);
			List<FusionSweep.Point> points = FusionSweep.run(dataset.queries(), lists, Evaluator.DEFAULT_DEPTH,
					Evaluator.baseline(retriever.defaults()));
			out.print(sweepTable(points));
			if (options.out() != null) {
				Path sweepFile = options.out().resolveSibling(options.out().getFileName() + ".sweep.json");
				Files.writeString(sweepFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(points));
				out.println("wrote " + sweepFile);
			}
			if (options.out() != null && options.lists()) {
				Path listsFile = options.out().resolveSibling(options.out().getFileName() + ".lists.jsonl");
				writeLists(listsFile, dataset.queries(), lists, json);
				out.println("wrote " + listsFile);
			}
		}
	}

	/**
	 * One line per query: its id and both lists as document id and score, best first, so fusions of lists from
	 * several runs (other models, other indexes) can be scored outside the command.
	 */
	private static void writeLists(Path file, List<JudgedQuery> queries, List<FusionSweep.Lists> lists,
			JsonMapper json) throws IOException {
		try (var writer = Files.newBufferedWriter(file)) {
			for (int i = 0; i < queries.size(); i++) {
				Map<String, Object> line = new java.util.LinkedHashMap<>();
				line.put("id", queries.get(i).id());
				line.put("dense", ListEntry.of(lists.get(i).dense()));
				line.put("sparse", ListEntry.of(lists.get(i).sparse()));
				writer.write(json.writeValueAsString(line));
				writer.newLine();
			}
		}
	}

	/**
	 * @param chunk chunk id
	 * @param document its document id
	 * @param score its score in its list
	 */
	record ListEntry(String chunk, String document, double score) {

		static List<ListEntry> of(List<io.ragwell.core.SearchResult> results) {
			return results.stream()
				.map(result -> new ListEntry(result.chunk().id(), result.chunk().documentId(), result.score()))
				.toList();
		}

	}

	static String table(List<EvaluationReport> reports) {
		return table(reports, List.of());
	}

	/**
	 * @param reports the reports, the configured runs first
	 * @param feedback the feedback grid's labels of the last reports (docs:dense-weight:terms:query-weight)
	 */
	static String table(List<EvaluationReport> reports, List<String> feedback) {
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "%-8s %-22s %-16s %7s %8s %9s %10s %8s %8s %8s%n", "mode", "model",
				"feedback", "queries", "nDCG@10", "Recall@10", "Recall@100", "MRR@10", "p50 ms", "p99 ms"));
		int configured = reports.size() - feedback.size();
		for (int i = 0; i < reports.size(); i++) {
			EvaluationReport report = reports.get(i);
			table.append(String.format(Locale.ROOT, "%-8s %-22s %-16s %7d %8.4f %9.4f %10.4f %8.4f %8.1f %8.1f%n",
					report.mode(), report.model(), (i < configured) ? "as configured" : feedback.get(i - configured),
					report.queries(), report.ndcgAt10(), report.recallAt10(), report.recallAt100(), report.mrrAt10(),
					report.latencyMs().p50(), report.latencyMs().p99()));
		}
		return table.toString();
	}

	static String answersTable(AnswerReport report) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"answers (%s, %s): %d claims (%d answerable, %d NEI), p50 %.1f ms, p99 %.1f ms%n", report.answerer(),
				report.model(), report.claims(), report.answerable(), report.nei(), report.latencyMs().p50(),
				report.latencyMs().p99()));
		table.append(String.format(Locale.ROOT, "%-10s %12s %18s %16s %18s%n", "threshold", "evidence_hit",
				"citation_precision", "abstain_rate_nei", "false_abstain_rate"));
		table.append(String.format(Locale.ROOT, "%-10s %12.4f %18.4f %16.4f %18.4f%n", "(as run)", report.evidenceHit(),
				report.citationPrecision(), report.abstainRateNei(), report.falseAbstainRate()));
		for (AnswerMetrics.Rates point : report.curve()) {
			// Every fifth point on screen; the JSON report has them all.
			if (Math.round(point.threshold() * 100) % 5 == 0) {
				table.append(String.format(Locale.ROOT, "%-10.2f %12.4f %18.4f %16.4f %18.4f%n", point.threshold(),
						point.evidenceHit(), point.citationPrecision(), point.abstainRateNei(),
						point.falseAbstainRate()));
			}
		}
		return table.toString();
	}

	static String sweepTable(List<FusionSweep.Point> points) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"%-15s %6s %10s %-9s %-12s %8s %9s %10s %8s %17s %11s%n", "fusion", "param", "candidates", "level",
				"normalised", "nDCG@10", "Recall@10", "Recall@100", "MRR@10", "paired vs config", "better/worse"));
		for (FusionSweep.Point point : points) {
			table.append(String.format(Locale.ROOT,
					"%-15s %6.2f %10d %-9s %-12s %8.4f %9.4f %10.4f %8.4f %+8.4f ± %.4f %5d/%-5d%n", point.fusion(),
					point.parameter(), point.candidates(), point.level(), point.normalization(), point.ndcgAt10(),
					point.recallAt10(), point.recallAt100(), point.mrrAt10(), point.pairedDelta(),
					point.pairedStandardError(), point.better(), point.worse()));
		}
		return table.toString();
	}

	/**
	 * One setting of {@code --prf-grid} and what it measured.
	 * @param feedback docs:dense-weight:terms:query-weight
	 * @param report the measurement
	 */
	record FeedbackPoint(String feedback, EvaluationReport report) {
	}

	/** A feedback setting as the grid spells it: docs:dense-weight:terms:query-weight. */
	static String describe(PrfProperties feedback) {
		return String.format(Locale.ROOT, "%d:%.2f:%d:%d", feedback.docs(), feedback.denseWeight(), feedback.terms(),
				feedback.queryWeight());
	}

	static List<PrfProperties> parseGrid(String value) {
		List<PrfProperties> grid = new ArrayList<>();
		for (String setting : value.split(";")) {
			if (setting.isBlank()) {
				continue;
			}
			String[] parts = setting.strip().split(":");
			if (parts.length != 4) {
				throw new IllegalArgumentException(
						"--prf-grid settings are docs:dense-weight:terms:query-weight, was '" + setting + "'");
			}
			try {
				int docs = Integer.parseInt(parts[0]);
				double dense = Double.parseDouble(parts[1]);
				int terms = Integer.parseInt(parts[2]);
				int queryWeight = Integer.parseInt(parts[3]);
				if (docs < 1 || docs > 50 || !(dense >= 0 && dense <= 1) || terms < 0 || terms > 50 || queryWeight < 1
						|| queryWeight > 10) {
					throw new IllegalArgumentException("--prf-grid setting out of range: '" + setting
							+ "' (docs 1-50, dense weight 0-1, terms 0-50, query weight 1-10)");
				}
				grid.add(new PrfProperties(docs, dense, terms, queryWeight));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--prf-grid setting is not numeric: '" + setting + "'");
			}
		}
		if (grid.isEmpty()) {
			throw new IllegalArgumentException("--prf-grid needs at least one setting");
		}
		return List.copyOf(grid);
	}

	private static void deleteRecursively(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Options(@Nullable Path dataset, List<SearchMode> modes, boolean modeGiven, @Nullable String model,
			String split, int limit, @Nullable Path out, boolean sweep, boolean lists, @Nullable Path index,
			boolean answers,
			@Nullable Path feedback, String namespace, List<String> passThrough, List<PrfProperties> prfGrid,
			boolean answerFeatures) {

		static Options parse(String[] args) {
			Path dataset = null;
			List<SearchMode> modes = List.of(SearchMode.HYBRID);
			String model = null;
			String split = "test";
			int limit = 0;
			Path out = null;
			boolean sweep = false;
			boolean lists = false;
			boolean answers = false;
			boolean answerFeatures = false;
			Path index = null;
			List<PrfProperties> prfGrid = List.of();
			Path feedback = null;
			boolean modeGiven = false;
			String namespace = Document.DEFAULT_NAMESPACE;
			List<String> passThrough = new ArrayList<>();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (arg.startsWith("--ragwell.") || arg.startsWith("--spring.") || arg.startsWith("--logging.")) {
					passThrough.add(arg);
					continue;
				}
				if ("--sweep".equals(arg)) {
					sweep = true;
					continue;
				}
				if ("--lists".equals(arg)) {
					lists = true;
					continue;
				}
				if ("--answers".equals(arg)) {
					answers = true;
					continue;
				}
				if ("--answer-features".equals(arg)) {
					answerFeatures = true;
					continue;
				}
				if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
					throw new IllegalArgumentException("unknown option or missing value: " + arg);
				}
				String value = args[++i];
				switch (arg) {
					case "--dataset" -> dataset = Path.of(value);
					case "--mode" -> {
						modes = "all".equalsIgnoreCase(value)
								? List.of(SearchMode.DENSE, SearchMode.SPARSE, SearchMode.HYBRID)
								: List.of(SearchMode.parse(value));
						modeGiven = true;
					}
					case "--feedback" -> feedback = Path.of(value);
					case "--namespace" -> namespace = value;
					case "--model" -> model = value;
					case "--split" -> split = value;
					case "--limit" -> {
						try {
							limit = Integer.parseInt(value);
						}
						catch (NumberFormatException ex) {
							limit = -1;
						}
						if (limit < 1) {
							throw new IllegalArgumentException("--limit must be a positive number, was '" + value + "'");
						}
					}
					case "--out" -> out = Path.of(value);
					case "--index" -> index = Path.of(value);
					case "--prf-grid" -> prfGrid = parseGrid(value);
					default -> throw new IllegalArgumentException("unknown option: " + arg);
				}
			}
			if (feedback != null) {
				if (index == null) {
					throw new IllegalArgumentException(
							"--feedback needs --index: the service's index directory (ragwell.store.lucene.path)");
				}
				if (dataset != null || answers || sweep) {
					throw new IllegalArgumentException(
							"--feedback evaluates the service's own index: leave out --dataset, --answers and --sweep");
				}
			}
			else if (dataset == null) {
				throw new IllegalArgumentException("--dataset is required");
			}
			if (answerFeatures && (!answers || out == null)) {
				throw new IllegalArgumentException("--answer-features needs --answers and --out (it writes beside it)");
			}
			if (!split.matches("[A-Za-z0-9_.-]+")) {
				throw new IllegalArgumentException("--split must be a file name such as test or train, was '" + split + "'");
			}
			if (lists && (!sweep || out == null)) {
				throw new IllegalArgumentException("--lists needs --sweep and --out: it writes the lists the sweep fused");
			}
			return new Options(dataset, modes, modeGiven, model, split, limit, out, sweep, lists, index, answers,
					feedback, namespace, List.copyOf(passThrough), prfGrid, answerFeatures);
		}

	}

}
