package io.ragwell.query.context;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * The numbered context handed to the LLM.
 *
 * @param text sources as {@code [n] …} blocks, in citation order
 * @param sources the sources in the text: {@code [n]} is {@code sources.get(n - 1)}, ranks renumbered 1..n
 * @param tokens tokens of the sources' content
 */
public record Context(String text, List<SearchResult> sources, int tokens) {

	public Context {
		sources = List.copyOf(sources);
	}

}
