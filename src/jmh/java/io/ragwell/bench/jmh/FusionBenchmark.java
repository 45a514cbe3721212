package io.ragwell.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.ragwell.core.Chunk;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchResult;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.store.lucene.LuceneFilterConverter;
import org.apache.lucene.search.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Reciprocal rank fusion of two 50-deep lists, and parsing + converting a nested metadata filter. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FusionBenchmark {

	private List<SearchResult> dense;

	private List<SearchResult> sparse;

	private Object filterJson;

	private MetadataFilter filter;

	private final FilterParser parser = new FilterParser(8, 100);

	@Setup
	public void setUp() {
		Random random = new Random(3);
		this.dense = results(random, 0.9);
		this.sparse = results(random, 12.0);
		// A realistic filter: tenant-ish equality, a numeric range, a list membership and an exclusion.
		this.filterJson = Map.of("$and",
				List.of(Map.of("dataset", "scifact"), Map.of("year", Map.of("$gte", 2010, "$lt", 2020)),
						Map.of("$or", List.of(Map.of("tags", Map.of("$in", List.of("a", "b", "c"))),
								Map.of("source", Map.of("$ne", "x"))))));
		this.filter = this.parser.parse(this.filterJson);
	}

	private static List<SearchResult> results(Random random, double scale) {
		List<SearchResult> results = new ArrayList<>();
		for (int rank = 1; rank <= 50; rank++) {
			// Ids overlap between the lists about half the time, as dense and BM25 hits do.
			String doc = "d" + random.nextInt(80);
			Chunk chunk = new Chunk(Chunk.idFor(doc, 0), doc, "text " + rank, 0, Map.of(), 3, null, "h" + doc);
			double score = scale / rank;
			results.add(new SearchResult(chunk, score, rank, null, null));
		}
		return results;
	}

	@Benchmark
	public List<SearchResult> fuse() {
		return ReciprocalRankFusion.fuse(this.dense, this.sparse, 10);
	}

	@Benchmark
	public Query convertFilter() {
		return LuceneFilterConverter.toQuery(this.filter);
	}

	@Benchmark
	public Query parseAndConvertFilter() {
		return LuceneFilterConverter.toQuery(this.parser.parse(this.filterJson));
	}

}
