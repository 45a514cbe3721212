package io.ragwell.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;

/**
 * The fusions over search results instead of ids: the chunk ids and scores go in, and each fused entry gets
 * back the chunk of its first occurrence. For callers that hold whole results already (remote stores, the
 * evaluation sweep, the fusion of several queries' rankings).
 */
final class Results {

	private Results() {
	}

	static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse,
			BiFunction<List<Scored>, List<Scored>, List<Fused>> fusion) {
		return withChunks(fusion.apply(scored(dense), scored(sparse)), List.of(dense, sparse));
	}

	static List<Scored> scored(List<SearchResult> results) {
		List<Scored> scored = new ArrayList<>(results.size());
		for (SearchResult result : results) {
			scored.add(new Scored(result.chunk().id(), result.score()));
		}
		return scored;
	}

	/**
	 * The fused entries as results ranked {@code 1..n}.
	 * @param fused the fused entries, best first
	 * @param lists the lists they were fused from; an entry's chunk is that of its id's first occurrence
	 */
	static List<SearchResult> withChunks(List<Fused> fused, List<List<SearchResult>> lists) {
		Map<String, Chunk> chunks = new HashMap<>();
		for (List<SearchResult> list : lists) {
			for (SearchResult result : list) {
				chunks.putIfAbsent(result.chunk().id(), result.chunk());
			}
		}
		List<SearchResult> results = new ArrayList<>(fused.size());
		for (Fused entry : fused) {
			Chunk chunk = chunks.get(entry.id());
			if (chunk == null) {
				throw new IllegalStateException("fused id '" + entry.id() + "' is in none of the lists");
			}
			results.add(new SearchResult(chunk, entry.score(), results.size() + 1, entry.denseScore(),
					entry.sparseScore()));
		}
		return List.copyOf(results);
	}

}
