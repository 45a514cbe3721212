package io.ragwell.rank;

import java.util.Objects;

/**
 * One entry of a ranking to fuse: an id and the score it was ranked by. Fusions read nothing else, so a store
 * can fuse what its index returns before loading any chunk.
 *
 * @param id the chunk id
 * @param score its score in its list (cosine for dense, BM25 for sparse)
 */
public record Scored(String id, double score) {

	public Scored {
		Objects.requireNonNull(id, "id");
	}

}
