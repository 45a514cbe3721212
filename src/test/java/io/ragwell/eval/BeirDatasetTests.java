package io.ragwell.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.ragwell.ingest.DocumentInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BeirDatasetTests {

	@TempDir
	Path dir;

	@Test
	void readsGradedJudgmentsAndSkipsQueriesWithoutAPositiveGrade() throws IOException {
		write(30);
		Files.writeString(this.dir.resolve("qrels/test.tsv"),
				"query-id\tcorpus-id\tscore\nq2\td3\t2\nq2\td4\t1\nq1\td1\t0\nq3\td5\t1\nmissing\td1\t1\n");
		BeirDataset dataset = BeirDataset.read(this.dir, "test", 0);
		assertThat(dataset.name()).isEqualTo(this.dir.getFileName().toString());
		// q1 has only a grade-0 judgment and "missing" has no text: neither is a judged query.
		assertThat(dataset.queries()).extracting(JudgedQuery::id).containsExactly("q2", "q3");
		assertThat(dataset.queries().get(0).grades()).isEqualTo(Map.of("d3", 2, "d4", 1));
		assertThat(dataset.documents()).hasSize(30);
		assertThat(dataset.documents().get(0).content()).isEqualTo("Title 0\n\nText of document 0.");
	}

	@Test
	void aLimitKeepsTheJudgedDocumentsPlusNineDistractorsEach() throws IOException {
		write(30);
		Files.writeString(this.dir.resolve("qrels/test.tsv"),
				"query-id\tcorpus-id\tscore\nq1\td25\t1\nq2\td7\t1\nq3\td9\t1\n");
		BeirDataset dataset = BeirDataset.read(this.dir, "test", 1);
		assertThat(dataset.queries()).extracting(JudgedQuery::id).containsExactly("q1");
		// d25 first, then corpus order up to ten documents.
		assertThat(dataset.documents()).extracting(DocumentInput::id)
			.containsExactly("d25", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8");
	}

	@Test
	void missingFilesAndMalformedLinesAreReportedWithTheirPlace() throws IOException {
		assertThatIllegalArgumentException().isThrownBy(() -> BeirDataset.read(this.dir, "test", 0))
			.withMessageContaining("corpus.jsonl is missing");
		write(3);
		Files.writeString(this.dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\thigh\n");
		assertThatIllegalArgumentException().isThrownBy(() -> BeirDataset.read(this.dir, "test", 0))
			.withMessageContaining("line 2");
	}

	private void write(int documents) throws IOException {
		StringBuilder corpus = new StringBuilder();
		for (int i = 0; i < documents; i++) {
			corpus.append("{\"_id\":\"d").append(i).append("\",\"title\":\"Title ").append(i)
				.append("\",\"text\":\"Text of document ").append(i).append(".\"}\n");
		}
		Files.writeString(this.dir.resolve("corpus.jsonl"), corpus);
		Files.writeString(this.dir.resolve("queries.jsonl"),
				"{\"_id\":\"q1\",\"text\":\"first\"}\n{\"_id\":\"q2\",\"text\":\"second\"}\n{\"_id\":\"q3\",\"text\":\"third\"}\n");
		Files.createDirectories(this.dir.resolve("qrels"));
	}

}
