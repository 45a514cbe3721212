package io.ragwell.parse.tika;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.ragwell.core.DocumentTooLargeException;
import io.ragwell.core.ParseLimits;
import io.ragwell.core.ParsedDocument;
import io.ragwell.core.ParsedDocument.Segment;
import io.ragwell.core.UnprocessableDocumentException;
import io.ragwell.core.UnsupportedDocumentTypeException;
import io.ragwell.ingest.files.TestFiles;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Tika adapter on files made here, with Tika's real parsers (no Spring). */
class TikaDocumentParserTests {

	private static final TikaDocumentParser PARSER = new TikaDocumentParser(
			new ParseProperties(1, new ParseProperties.Ocr(true, "", "eng", Duration.ofSeconds(30))));

	private static final ParseLimits LIMITS = new ParseLimits(100_000, Duration.ofSeconds(60), 5, 5_000_000,
			20_000_000, 10_000_000);

	@AfterAll
	static void close() {
		PARSER.close();
	}

	@Test
	void aParseThatTimedOutStopsAndFreesItsThreadForTheNextFile() {
		// The caller stopped waiting at the deadline, but the parse went on: Tika ignores interrupts, so a file
		// that parses for long without text (here: millions of empty paragraphs) kept its parse thread busy to the
		// end, and every file behind it timed out in the queue. A few such uploads held every parse thread.
		TikaDocumentParser parser = new TikaDocumentParser(
				new ParseProperties(1, new ParseProperties.Ocr(false, "", "eng", Duration.ofSeconds(30))));
		try {
			ParseLimits quick = new ParseLimits(100_000, Duration.ofMillis(500), 0, 0, 0, 0);
			assertThatExceptionOfType(UnprocessableDocumentException.class)
				.isThrownBy(() -> parser.parse(emptyParagraphs(400_000_000L), "text/html", "slow.html", quick))
				.withMessageContaining("longer than");
			ParseLimits patient = new ParseLimits(100_000, Duration.ofSeconds(5), 0, 0, 0, 0);
			ParsedDocument next = parser.parse(
					new ByteArrayInputStream("<html><body><p>next file</p></body></html>".getBytes(StandardCharsets.UTF_8)),
					"text/html", "next.html", patient);
			assertThat(next.segments()).extracting(Segment::text).containsExactly("next file");
		}
		finally {
			parser.close();
		}
	}

	/** An HTML document of about {@code bytes} bytes of empty paragraphs, generated as it is read. */
	private static java.io.InputStream emptyParagraphs(long bytes) {
		byte[] head = "<html><body>".getBytes(StandardCharsets.US_ASCII);
		byte[] unit = "<p></p>\n".getBytes(StandardCharsets.US_ASCII);
		byte[] tail = "</body></html>".getBytes(StandardCharsets.US_ASCII);
		return new java.io.InputStream() {

			private long position;

			@Override
			public int read() {
				long total = head.length + bytes + tail.length;
				if (this.position >= total) {
					return -1;
				}
				long at = this.position++;
				if (at < head.length) {
					return head[(int) at];
				}
				if (at < head.length + bytes) {
					return unit[(int) ((at - head.length) % unit.length)];
				}
				return tail[(int) (at - head.length - bytes)];
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				int n = 0;
				while (n < length) {
					int b = read();
					if (b < 0) {
						return (n == 0) ? -1 : n;
					}
					buffer[offset + n++] = (byte) b;
				}
				return n;
			}

		};
	}

	@Test
	void pdfPagesBecomeSegmentsWithTheirPageNumbers() {
		ParsedDocument parsed = parse(TestFiles.pdf(List.of("first page text", "second page text", "third")),
				"application/pdf", "a.pdf", LIMITS);
		assertThat(parsed.contentType()).isEqualTo("application/pdf");
		assertThat(parsed.segments()).extracting(Segment::page).containsExactly(1, 2, 3);
		assertThat(parsed.segments().get(1).text()).isEqualTo("second page text");
	}

	@Test
	void slidesAreNumberedLikePages() throws IOException {
		byte[] pptx;
		try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			for (String text : List.of("Opening slide about budgets", "Second slide about hiring")) {
				XSLFTextBox box = show.createSlide().createTextBox();
				box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
				box.setText(text);
			}
			show.write(out);
			pptx = out.toByteArray();
		}
		ParsedDocument parsed = parse(pptx, null, "deck.pptx", LIMITS);
		assertThat(parsed.segments()).extracting(Segment::page).containsExactly(1, 2);
		assertThat(parsed.segments().get(1).text()).contains("hiring");
	}

	@Test
	void spreadsheetRowsComeOutAsRows() throws IOException {
		byte[] xlsx;
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			XSSFSheet sheet = book.createSheet("Prices");
			String[][] rows = { { "Item", "Price" }, { "Apple", "3" }, { "Pear", "4" } };
			for (int r = 0; r < rows.length; r++) {
				for (int c = 0; c < 2; c++) {
					sheet.createRow(r).createCell(c);
				}
			}
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				row.createCell(0).setCellValue(rows[r][0]);
				row.createCell(1).setCellValue(rows[r][1]);
			}
			book.write(out);
			xlsx = out.toByteArray();
		}
		String text = String.join("\n", parse(xlsx, null, "prices.xlsx", LIMITS).segments().stream()
			.map(Segment::text)
			.toList());
		assertThat(text).contains("Item | Price").contains("Apple | 3").contains("Pear | 4");
	}

	@Test
	void htmlHeadingsNameTheirSectionsAndTheTitleIsMetadata() {
		String html = "<html><head><title>Handbook</title><meta name='author' content='Ops Team'></head><body>"
				+ "<h1>Leave</h1><p>Ask your lead two weeks ahead.</p><h2>Sick days</h2><p>Call in before nine.</p>"
				+ "</body></html>";
		ParsedDocument parsed = parse(html.getBytes(StandardCharsets.UTF_8), "text/html", "h.html", LIMITS);
		assertThat(parsed.metadata()).containsEntry("title", "Handbook");
		assertThat(parsed.segments()).extracting(Segment::section).containsExactly("Leave", "Sick days");
		assertThat(parsed.segments().get(1).text()).startsWith("Sick days").contains("before nine");
		assertThat(String.join(" ", parsed.segments().stream().map(Segment::text).toList())).doesNotContain("Handbook");
	}

	@Test
	void mailBodiesAreRead() {
		String eml = "From: a@example.com\r\nTo: b@example.com\r\nSubject: Shipment delayed\r\n"
				+ "Content-Type: text/plain; charset=UTF-8\r\n\r\nThe pallets arrive on Thursday instead.\r\n";
		ParsedDocument parsed = parse(eml.getBytes(StandardCharsets.UTF_8), null, "m.eml", LIMITS);
		assertThat(parsed.contentType()).isEqualTo("message/rfc822");
		assertThat(parsed.segments().stream().map(Segment::text).toList()).anyMatch((t) -> t.contains("pallets"));
	}

	@Test
	void rtfIsRead() {
		String rtf = "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Boilers need a yearly check.\\par}";
		assertThat(parse(rtf.getBytes(StandardCharsets.US_ASCII), null, "b.rtf", LIMITS).segments().getFirst().text())
			.contains("Boilers need a yearly check");
	}

	@Test
	void theTextLimitStopsTheParse() {
		ParseLimits small = new ParseLimits(1_000, Duration.ofSeconds(60), 0, 1, 1, 0);
		assertThatExceptionOfType(DocumentTooLargeException.class)
			.isThrownBy(() -> parse("word ".repeat(1_000).getBytes(StandardCharsets.US_ASCII), "text/plain", "w.txt",
					small))
			.withMessageContaining("max-extracted-chars");
		// A PDF's parser wraps the handler's stop deeper than the text parser does: still a 413, not "corrupt".
		List<String> pages = java.util.Collections.nCopies(3, "word ".repeat(100));
		assertThatExceptionOfType(DocumentTooLargeException.class)
			.isThrownBy(() -> parse(TestFiles.pdf(pages), "application/pdf", "w.pdf", small))
			.withMessageContaining("max-extracted-chars");
	}

	@Test
	void unknownTypesAreNamedAndCorruptFilesAreUnprocessable() {
		assertThatExceptionOfType(UnsupportedDocumentTypeException.class)
			.isThrownBy(() -> parse(new byte[] { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0 }, null, "x.zip", LIMITS))
			.satisfies((ex) -> assertThat(ex.mediaType()).isEqualTo("application/zip"));
		assertThatExceptionOfType(UnprocessableDocumentException.class)
			.isThrownBy(() -> parse("%PDF-1.4\nnot really".getBytes(StandardCharsets.US_ASCII), null, "x.pdf", LIMITS));
	}

	@Test
	void imagesAreReadWithOcr() {
		TestFiles.assumeTesseract();
		ParsedDocument parsed = parse(TestFiles.png("Invoice number four hundred"), null, "scan.png", LIMITS);
		assertThat(parsed.segments()).hasSize(1);
		assertThat(parsed.segments().getFirst().modality()).isEqualTo(ParsedDocument.Modality.IMAGE);
		assertThat(parsed.segments().getFirst().text().toLowerCase()).contains("invoice");
		assertThat(parsed.images()).hasSize(1);
	}

	@Test
	void anImageOverThePixelLimitIsRefusedBeforeOcr() {
		ParseLimits few = new ParseLimits(100_000, Duration.ofSeconds(60), 5, 5_000_000, 1_000, 10_000_000);
		TestFiles.assumeTesseract();
		assertThatExceptionOfType(DocumentTooLargeException.class)
			.isThrownBy(() -> parse(TestFiles.png("too many pixels"), null, "big.png", few))
			.withMessageContaining("pixels");
	}

	@Test
	void markdownHeadingsBecomeSectionsAndOpenTheirSegments() {
		String markdown = String.join("\n", "Preamble before any heading.", "", "# Install guide #", "",
				"Unpack the archive.", "", "## Requirements", "Java 25 and two cores.", "", "```sh",
				"# a shell comment, not a heading", "./run", "```", "", "Setup notes", "over two lines", "===========",
				"", "Edit the file.", "", "- a list item", "---", "", "Troubleshooting", "---------------",
				"Read the log.", "", "####### seven marks is text", "#hashtag is text too", "");
		ParsedDocument parsed = parse(markdown.getBytes(StandardCharsets.UTF_8), null, "guide.md", LIMITS);
		assertThat(parsed.contentType()).isIn("text/x-web-markdown", "text/markdown");
		assertThat(parsed.segments()).extracting(Segment::section)
			.containsExactly(null, "Install guide", "Requirements", "Setup notes over two lines", "Troubleshooting");
		assertThat(parsed.segments()).extracting(segment -> segment.text().lines().findFirst().orElseThrow())
			.containsExactly("Preamble before any heading.", "Install guide", "Requirements",
					"Setup notes over two lines", "Troubleshooting");
		assertThat(parsed.segments().get(2).text()).contains("# a shell comment, not a heading", "./run");
		assertThat(parsed.segments().get(3).text()).contains("Edit the file.", "- a list item\n---")
			.doesNotContain("===");
		assertThat(parsed.segments().get(4).text()).contains("####### seven marks is text", "#hashtag is text too")
			.doesNotContain("-----");
	}

	@Test
	void markdownWithoutItsNameIsPlainTextWithoutSections() {
		ParsedDocument parsed = parse("# Not read as a heading\n\nplain".getBytes(StandardCharsets.UTF_8),
				"text/plain", null, LIMITS);
		assertThat(parsed.segments()).singleElement().extracting(Segment::section).isNull();
	}

	@Test
	void aPdfsLineBreaksSeparateWords() {
		// About 95 characters to a line: "plasma" ends the first line, "cobalt" opens the second.
		String text = "Record one: river basalt orbit enzyme harbour lichen quartz tundra pollen glacier delta plasma "
				+ "cobalt nebula falcon meadow.";
		ParsedDocument parsed = parse(TestFiles.pdf(List.of(text)), "application/pdf", "a.pdf", LIMITS);
		assertThat(parsed.segments().getFirst().text().replaceAll("\\s+", " ")).isEqualTo(text);
	}

	private static ParsedDocument parse(byte[] bytes, @org.jspecify.annotations.Nullable String type,
			@org.jspecify.annotations.Nullable String name, ParseLimits limits) {
		return PARSER.parse(new ByteArrayInputStream(bytes), type, name, limits);
	}

}
