package io.ragwell.query;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;
import io.ragwell.llm.FallbackLlmClient;
import io.ragwell.llm.openai.LlmProperties;
import io.ragwell.query.cache.CacheProperties;
import io.ragwell.query.cache.ResponseCache;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.QueryRequest;
import io.ragwell.query.rerank.NoReranker;
import io.ragwell.query.rerank.RerankProperties;
import io.ragwell.query.rerank.RerankerReranking;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.store.lucene.LuceneVectorStore;
import io.ragwell.support.FakeEmbedder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RagService's retrieval steps (fusion overrides, expansion, reranking) over a real Lucene index. */
class RetrievalPipelineTests {

	@TempDir
	Path dir;

	private LuceneVectorStore store;

	private final FakeEmbedder embedder = WordEmbedder.create();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@BeforeEach
	void index() {
		this.store = new LuceneVectorStore(this.dir.resolve("index"), WordEmbedder.DIMENSIONS);
		add("purr", "Cats purr by vibrating the muscles of the larynx.");
		add("bark", "Dogs bark to warn of strangers near the house.");
		add("rocket", "Kerosene rockets reach orbit in stages.");
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void multiQueryRetrievesWhatOnlyAParaphraseFinds() {
		FakeLlm llm = new FakeLlm("openai", "why do cats purr\nwhat makes the larynx vibrate");
		RagService service = service(llm, new NoReranker(), "multi-query");

		// BM25 only: "feline" matches no indexed word, the paraphrases do.
		SearchResponse response = service.search("default", request("feline noises", "sparse"));

		assertThat(response.results()).extracting(result -> result.chunk().documentId()).contains("purr");
		assertThat(response.warnings()).isEmpty();
		assertThat(llm.prompts).singleElement().satisfies(prompt -> assertThat(prompt).contains("search queries"));
	}

	@Test
	void hydeSearchesWithTheEmbeddedHypotheticalPassage() {
		FakeLlm llm = new FakeLlm("openai", "Purring comes from larynx muscles vibrating in cats.");
		RagService service = service(llm, new NoReranker(), "hyde");

		SearchResponse response = service.search("default", request("feline noises", "dense"));

		assertThat(response.results().get(0).chunk().documentId()).isEqualTo("purr");
		assertThat(this.embedder.passages()).contains("Purring comes from larynx muscles vibrating in cats.");
	}

	@Test
	void expansionIsSkippedWithAWarningUnderTheExtractiveAnswerer() {
		FakeLlm llm = new FakeLlm("extractive", "unused");
		RagService service = service(llm, new NoReranker(), "multi-query");

		SearchResponse response = service.search("default", request("cats purr", "hybrid"));

		assertThat(response.warnings()).singleElement()
			.satisfies(warning -> assertThat(warning).contains("multi-query").contains("extractive"));
		assertThat(llm.prompts).isEmpty();
		assertThat(response.results().get(0).chunk().documentId()).isEqualTo("purr");
	}

	@Test
	void aFailingExpansionFallsBackToTheQuestionWithAWarning() {
		FakeLlm llm = new FakeLlm("openai", null);
		RagService service = service(llm, new NoReranker(), "hyde");

		SearchResponse response = service.search("default", request("cats purr", "hybrid"));

		assertThat(response.warnings()).singleElement().satisfies(warning -> assertThat(warning).contains("failed"));
		assertThat(response.results().get(0).chunk().documentId()).isEqualTo("purr");
	}

	@Test
	void rerankerSeesTheCandidateDepthAndItsOrderIsKept() {
		List<Integer> seen = new ArrayList<>();
		Reranker reverse = new Reranker() {
			@Override
			public List<SearchResult> rerank(RerankRequest request) {
				seen.add(request.candidates().size());
				List<SearchResult> reversed = new ArrayList<>(request.candidates()).reversed();
				List<SearchResult> out = new ArrayList<>();
				for (int i = 0; i < request.topN(); i++) {
					out.add(reversed.get(i).reranked(i + 1, 1.0 - i));
				}
				return out;
			}

			@Override
			public String name() {
				return "reverse";
			}
		};
		RagService service = service(new FakeLlm("extractive", ""), reverse, "none");

		SearchResponse response = service.search("default", new QueryRequest("cats purr larynx", 1, null, "dense"));

		// 3 candidates (all the index holds; rerank candidates default to 20), reranked down to top_k 1.
		assertThat(seen).containsExactly(3);
		assertThat(response.results()).singleElement().satisfies(result -> {
			assertThat(result.rerankScore()).isEqualTo(1.0);
			assertThat(result.chunk().documentId()).isNotEqualTo("purr");
		});
	}

	@Test
	void aFailingRerankerKeepsTheRetrievalOrderWithAWarningAndIsNotCached() {
		int[] calls = { 0 };
		Reranker failing = new Reranker() {
			@Override
			public List<SearchResult> rerank(RerankRequest request) {
				calls[0]++;
				throw RemoteCallException.ofStatus("rerank", "down", 503, null, null);
			}

			@Override
			public String name() {
				return "tei";
			}
		};
		RagService service = service(new FakeLlm("extractive", ""), failing, "none");

		SearchResponse first = service.search("default", new QueryRequest("cats purr", 2, null, "hybrid"));
		SearchResponse second = service.search("default", new QueryRequest("cats purr", 2, null, "hybrid"));

		assertThat(first.results()).hasSize(2);
		assertThat(first.results().get(0).chunk().documentId()).isEqualTo("purr");
		assertThat(first.results().get(0).rerankScore()).isNull();
		assertThat(first.warnings()).containsExactly(RerankerReranking.FAILED_WARNING);
		assertThat(second.cached()).isFalse();
		assertThat(calls[0]).isEqualTo(2);
	}

	@Test
	void fusionOverridesChangeTheRankingAndBadValuesAreRejectedByField() {
		RagService service = service(new FakeLlm("extractive", ""), new NoReranker(), "none");

		SearchResponse weighted = service.search("default",
				new QueryRequest("cats purr", 3, null, "hybrid", "weighted", 1.0, null));
		SearchResponse rrf = service.search("default", new QueryRequest("cats purr", 3, null, "hybrid", "rrf", null, 1));

		// alpha 1 ranks by the dense list: the top dense hit scores exactly 1.
		assertThat(weighted.results().get(0).score()).isEqualTo(1.0);
		// k = 1: a chunk first in both lists scores 1/2 + 1/2.
		assertThat(rrf.results().get(0).score()).isEqualTo(1.0);
		assertThat(invalidField(service, new QueryRequest("q", 3, null, "hybrid", "max", null, null))).isEqualTo("fusion");
		assertThat(invalidField(service, new QueryRequest("q", 3, null, "hybrid", "weighted", 1.5, null)))
			.isEqualTo("alpha");
		assertThat(invalidField(service, new QueryRequest("q", 3, null, "hybrid", null, null, 0))).isEqualTo("rrf_k");
	}

	@Test
	void aFailingLlmIsAnsweredExtractivelyMarkedDegradedAndNotCached() {
		FakeLlm llm = new FakeLlm("openai", "unused");
		llm.generating = false;
		RagService service = service(llm, new NoReranker(), "none");

		QueryResponse first = service.query("default", request("why do cats purr", "hybrid"));
		QueryResponse second = service.query("default", request("why do cats purr", "hybrid"));

		assertThat(first.degraded()).isTrue();
		assertThat(first.mode()).isEqualTo("extractive");
		assertThat(first.warnings()).containsExactly(FallbackLlmClient.DEGRADED_WARNING);
		assertThat(first.answer()).contains("[1]");
		assertThat(second.cached()).isFalse();
		assertThat(this.registry.get(RagMetrics.QUERY).tag("cached", "false").tag("degraded", "true").timer().count())
			.isEqualTo(2);
	}

	@Test
	void aWholeAnswerIsCachedAndTimedAsCached() {
		RagService service = service(new FakeLlm("openai", "unused"), new NoReranker(), "none");

		QueryResponse first = service.query("default", request("why do cats purr", "hybrid"));
		QueryResponse second = service.query("default", request("why do cats purr", "hybrid"));

		assertThat(first.degraded()).isFalse();
		assertThat(first.mode()).isEqualTo("openai");
		assertThat(first.answer()).isEqualTo("answer");
		assertThat(second.cached()).isTrue();
		assertThat(second.answer()).isEqualTo("answer");
		assertThat(this.registry.get(RagMetrics.QUERY).tag("cached", "true").tag("degraded", "false").timer().count())
			.isEqualTo(1);
	}

	private static String invalidField(RagService service, QueryRequest request) {
		return catchThrowableOfType(InvalidRequestException.class, () -> service.search("default", request)).field();
	}

	private static QueryRequest request(String query, String mode) {
		return new QueryRequest(query, 3, null, mode);
	}

	private RagService service(LlmClient llm, Reranker reranker, String expansion) {
		QueryProperties query = new QueryProperties(5, 50, 60, 2000, "hybrid", "rrf", 0.5, null, null, expansion, 2);
		return RagServices.assemble(this.embedder, new HybridRetriever(this.store, query), llm, query,
				new LlmProperties("extractive", "http://localhost", null, "m", Duration.ofSeconds(5), 256, 0.1, 3, 100, Duration.ofSeconds(5), new LlmProperties.Extractive(0, 0, 1, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false)),
				new LimitsProperties(DataSize.ofMegabytes(16), 1_000_000, 256, 64, 2000, 50, 8, 100, DataSize.ofKilobytes(8),
						200, DataSize.ofMegabytes(64), 2_000_000),
				new ResponseCache(new CacheProperties(true, DataSize.ofMegabytes(1), Duration.ofMinutes(1), 100,
						Duration.ofMinutes(1)),
						new SimpleMeterRegistry()),
				this.registry, reranker,
				new RerankProperties("none", null, null, null, 0.7, 20, Duration.ofSeconds(5)));
	}

	private void add(String id, String text) {
		Document document = new Document(id, "default", text, Map.of(), null, Instant.EPOCH, Instant.EPOCH);
		Chunk chunk = new Chunk(Chunk.idFor(id, 0), id, text, 0, Map.of(), 8, null, "hash-" + id);
		this.store.upsertChunks(document, List.of(new EmbeddedChunk(chunk, WordEmbedder.vector(text))));
	}

	/** Answers complete() with a fixed text (or fails when it is null); records the prompts. */
	private static final class FakeLlm implements LlmClient {

		final List<String> prompts = new ArrayList<>();

		/** Whether generate() answers; when false it fails like a provider outage. */
		boolean generating = true;

		private final String provider;

		private final @Nullable String reply;

		FakeLlm(String provider, @Nullable String reply) {
			this.provider = provider;
			this.reply = reply;
		}

		@Override
		public LlmAnswer generate(LlmRequest request) {
			if (!this.generating) {
				throw new RemoteCallException("llm", "down", 503, true, null, null, null);
			}
			return new LlmAnswer("answer", 1, 1);
		}

		@Override
		public LlmAnswer complete(String prompt) {
			this.prompts.add(prompt);
			if (this.reply == null) {
				throw RemoteCallException.ofStatus("llm", "down", 503, null, null);
			}
			return new LlmAnswer(this.reply, 1, 1);
		}

		@Override
		public String provider() {
			return this.provider;
		}

		@Override
		public String model() {
			return "fake";
		}

		@Override
		public Health healthCheck() {
			return Health.up(Map.of());
		}

	}

	/** Bag of words hashed into 64 dimensions, unit length; records the passages it embeds. */
	private static final class WordEmbedder {

		static final int DIMENSIONS = 64;

		private static final Pattern WORD = Pattern.compile("\\p{L}+");

		static float[] vector(String text) {
			float[] vector = new float[DIMENSIONS];
			Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
			while (words.find()) {
				if (words.group().length() > 3) {
					vector[Math.floorMod(words.group().hashCode(), DIMENSIONS)] += 1;
				}
			}
			double norm = 0;
			for (float v : vector) {
				norm += v * v;
			}
			if (norm == 0) {
				vector[0] = 1;
				return vector;
			}
			for (int i = 0; i < DIMENSIONS; i++) {
				vector[i] /= (float) Math.sqrt(norm);
			}
			return vector;
		}

		/** Records the passages it embeds; queries are embedded the same way, unrecorded. */
		static FakeEmbedder create() {
			return FakeEmbedder.of("words", DIMENSIONS, WordEmbedder::vector);
		}

	}

}
