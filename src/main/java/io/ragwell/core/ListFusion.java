package io.ragwell.core;

import java.util.List;

/**
 * Fuses a dense and a sparse ranking into one, as {@link VectorStore#searchFused} applies it.
 *
 * <p>A fusion must read nothing of a result but its chunk's {@code id} and its {@code score}, and must return
 * results whose chunks are chunks of its inputs: a store may then fuse stand-in chunks that carry only the
 * id and load the real chunks for the returned results alone. Ranks are one-based positions in the inputs.
 */
@FunctionalInterface
public interface ListFusion {

	/**
	 * @param dense the dense (vector) ranking, best first
	 * @param sparse the sparse (BM25) ranking, best first
	 * @param topK the most results to return, 1 or more
	 * @return at most {@code topK} results, best first, ranked {@code 1..n}
	 */
	List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, int topK);

}
