package io.ragwell.store.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the HNSW graph holds the chunk vectors ({@code ragwell.store.lucene.vector-encoding}). The choice is made
 * per segment when it is written, so changing it on an existing index is safe: old segments keep their
 * encoding and are rewritten in the new one as they merge.
 */
public enum VectorEncoding {

	/** 32-bit floats: exact scores; the HNSW search reads 1.5 KiB per visited 384-d vector. */
	FLOAT32,

	/**
	 * 8-bit scalar quantisation ({@link Lucene104HnswScalarQuantizedVectorsFormat}): the graph is searched on
	 * one byte per dimension (the floats stay on disk for merges), so a million chunks search from ~0.4 GB of
	 * page cache instead of 1.5 GB. Scores are approximate (measured recall@10 0.96 at 1M chunks with 200
	 * candidates); for the largest single-node indexes.
	 */
	INT8;

	/** The format new segments are written with; FLOAT32 is Lucene's default. */
	KnnVectorsFormat format() {
		return switch (this) {
			case FLOAT32 -> new Lucene99HnswVectorsFormat();
			case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat();
		};
	}

}
