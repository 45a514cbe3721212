package io.ragwell.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import io.ragwell.RagwellApplication;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code eval} command end to end, dispatched as {@code java -jar ragwell.jar eval …} would be: a SciFact
 * slice (20 judged test queries over their judged abstracts plus distractors, about 190 documents) ingested
 * through the real pipeline, every mode evaluated over that one ingestion, and the JSON report read back.
 */
@RequiresSharedData("datasets/scifact")
class EvalCommandIT {

	@TempDir
	Path dir;

	@Test
	void evaluatesEveryModeOnASciFactSliceAndWritesTheReport() throws IOException {
		Path out = this.dir.resolve("reports/report.json");
		OptionalInt exit = RagwellApplication.runCommand(new String[] { "eval", "--dataset", SciFact.dir().toString(),
				"--mode", "all", "--limit", "20", "--out", out.toString(), "--prf-grid", "3:0.5:10:2", "--sweep",
				"--lists" });

		assertThat(exit).hasValue(0);
		JsonNode reports = RagwellHttp.JSON.readTree(Files.readString(out));
		assertThat(reports.isArray()).isTrue();
		List<String> modes = new ArrayList<>();
		for (JsonNode report : reports) {
			modes.add(report.get("mode").asString());
			assertThat(report.get("dataset").asString()).isEqualTo("scifact");
			assertThat(report.get("split").asString()).isEqualTo("test");
			assertThat(report.get("model").asString()).isEqualTo("bge-small-en-v1.5-q");
			assertThat(report.get("queries").asInt()).isEqualTo(20);
			double recall10 = report.get("recall_at_10").asDouble();
			double recall100 = report.get("recall_at_100").asDouble();
			assertThat(recall10).isBetween(0.0, 1.0);
			assertThat(recall100).isGreaterThanOrEqualTo(recall10).isLessThanOrEqualTo(1.0);
			assertThat(report.get("mrr_at_10").asDouble()).isBetween(0.0, 1.0);
			assertThat(report.get("ndcg_at_10").asDouble()).isBetween(0.0, 1.0);
			JsonNode latency = report.get("latency_ms");
			assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p50").asDouble());
			JsonNode ingest = report.get("ingest");
			// Every judged abstract of the 20 queries, then nine distractors for each.
			assertThat(ingest.get("documents").asInt()).isBetween(100, 400);
			assertThat(ingest.get("chunks").asInt()).isGreaterThanOrEqualTo(ingest.get("documents").asInt());
			assertThat(ingest.get("embedded").asInt()).isEqualTo(ingest.get("chunks").asInt());
			assertThat(ingest.get("seconds").asDouble()).isPositive();
			assertThat(ingest.get("embeddings_per_second").asDouble()).isPositive();
			assertThat(report.get("per_query").size()).isEqualTo(20);
		}
		// The configured runs, then the feedback grid's one setting in every mode over the same index.
		assertThat(modes).containsExactly("dense", "sparse", "hybrid", "dense", "sparse", "hybrid");
		JsonNode feedback = RagwellHttp.JSON.readTree(Files.readString(this.dir.resolve("reports/report.json.prf.json")));
		assertThat(feedback.size()).isEqualTo(3);
		for (JsonNode point : feedback) {
			assertThat(point.get("feedback").asString()).isEqualTo("3:0.50:10:2");
		}
		assertThat(feedback.get(2).get("report").get("ndcg_at_10").asDouble()).isGreaterThan(0.5);
		// The sweep compares every setting with the configured fusion (hybrid, weighted 0.5, as the eval reads it:
		// 200 deep), which therefore scores what the configured hybrid run above scored.
		JsonNode sweep = RagwellHttp.JSON.readTree(Files.readString(this.dir.resolve("reports/report.json.sweep.json")));
		assertThat(sweep.size()).isEqualTo(162);
		JsonNode baseline = null;
		for (JsonNode point : sweep) {
			if (point.get("fusion").asString().equals("relative-score") && point.get("parameter").asDouble() == 0.5
					&& point.get("candidates").asInt() == 200 && point.get("level").asString().equals("chunk")
					&& point.get("normalization").asString().equals("min-max")) {
				baseline = point;
			}
		}
		assertThat(baseline).isNotNull();
		assertThat(baseline.get("paired_delta").asDouble()).isZero();
		assertThat(baseline.get("ndcg_at_10").asDouble()).isEqualTo(reports.get(2).get("ndcg_at_10").asDouble());
		List<String> lists = Files.readAllLines(this.dir.resolve("reports/report.json.lists.jsonl"));
		assertThat(lists).hasSize(20);
		JsonNode first = RagwellHttp.JSON.readTree(lists.get(0));
		assertThat(first.get("id").asString()).isEqualTo(reports.get(2).get("per_query").get(0).get("id").asString());
		assertThat(first.get("dense").size()).isPositive();
		assertThat(first.get("dense").get(0).get("document").asString()).isNotBlank();
		assertThat(first.get("sparse").get(0).get("score").asDouble()).isPositive();
		// Published full-corpus figures are ~0.65-0.74; a slice with ten documents per judged one is easier.
		assertThat(reports.get(2).get("ndcg_at_10").asDouble()).isGreaterThan(0.5);
		assertThat(reports.get(1).get("ndcg_at_10").asDouble()).isGreaterThan(0.5);
	}

	@Test
	void badArgumentsExitWithOneBeforeStartingAnything() {
		assertThat(RagwellApplication.runCommand(new String[] { "eval" })).hasValue(1);
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--dataset", this.dir.toString(), "--mode",
				"semantic" })).hasValue(1);
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--dataset", this.dir.toString(), "--limit",
				"-3" })).hasValue(1);
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--dataset", this.dir.toString(), "--prf-grid",
				"5:2:0:2" })).hasValue(1);
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--dataset", this.dir.toString(), "--prf-grid",
				"5:0.5" })).hasValue(1);
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--dataset", this.dir.toString(),
				"--answer-features", "--out", this.dir.resolve("r.json").toString() })).hasValue(1);
		// Not a BEIR directory: no corpus.jsonl.
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--dataset", this.dir.toString() }))
			.hasValue(1);
		assertThat(RagwellApplication.runCommand(new String[] { "--server.port=0" })).isEmpty();
	}

}
