package io.ragwell.store.lucene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import io.ragwell.core.Document;
import io.ragwell.core.DocumentPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Paging through a namespace's documents: id order, every document once, other namespaces and deletes unseen. */
class LuceneDocumentListingTests {

	private static final int DIMENSIONS = 8;

	@TempDir
	Path dir;

	private LuceneVectorStore store;

	@AfterEach
	void close() {
		if (this.store != null) {
			this.store.close();
		}
	}

	@Test
	void pagesVisitEveryDocumentOfTheNamespaceOnceInIdOrder() {
		this.store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS);
		Random random = new Random(7);
		TreeSet<String> expected = new TreeSet<>();
		for (int i = 0; i < 23; i++) {
			// Ids that sort differently as numbers and as text, and a prefix of another namespace's key.
			String id = "doc-" + random.nextInt(1000) + ((i % 3 == 0) ? ".b" : "");
			if (!expected.add(id)) {
				continue;
			}
			put("tenant", id, 1 + random.nextInt(3), random);
		}
		put("tenant2", "doc-foreign", 1, random);
		put("tenan", "doc-foreign2", 1, random);
		String deleted = expected.pollFirst();
		assertThat(this.store.delete("tenant", deleted)).isTrue();

		List<String> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			DocumentPage page = this.store.listDocuments("tenant", after, 5);
			assertThat(page.documents()).hasSizeLessThanOrEqualTo(5);
			page.documents().forEach(summary -> seen.add(summary.id()));
			after = page.next();
			pages++;
		}
		while (after != null);

		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo((expected.size() + 4) / 5);
		DocumentPage first = this.store.listDocuments("tenant", null, 100);
		assertThat(first.next()).isNull();
		DocumentPage.Summary summary = first.documents().get(0);
		assertThat(summary.chunks()).isEqualTo(this.store.findDocument("tenant", summary.id()).orElseThrow().chunks().size());
		assertThat(summary.source()).isEqualTo("src/" + summary.id());
		assertThat(this.store.listDocuments("empty", null, 5).documents()).isEmpty();
		assertThat(this.store.listDocuments("tenant2", null, 5).documents()).extracting(DocumentPage.Summary::id)
			.containsExactly("doc-foreign");
	}

	private void put(String namespace, String id, int chunks, Random random) {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < chunks; i++) {
			texts.add("text " + i + " of " + id);
		}
		Document document = StoreFixtures.document(namespace, id, Map.of(), "src/" + id, texts);
		this.store.upsertChunks(document, StoreFixtures.chunks(document, texts, random, DIMENSIONS));
	}

}
