package io.ragwell.core;

import java.util.Locale;

/** How a search ranks chunks. */
public enum SearchMode {

	/** Nearest neighbours of the query embedding. */
	DENSE,
	/** BM25 over the chunk text. */
	SPARSE,
	/** Dense and sparse lists fused: by reciprocal rank fusion (default) or weighted relative scores. */
	HYBRID;

	public static SearchMode parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("mode must be one of dense, sparse, hybrid; was '" + value + "'");
		}
	}

}
