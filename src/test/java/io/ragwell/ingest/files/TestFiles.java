package io.ragwell.ingest.files;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.assertj.core.api.Assumptions;

/**
 * Files the tests make themselves (PDFBox, POI and ImageIO come with Tika and the JDK), so nothing third-party is
 * copied into the project.
 */
public final class TestFiles {

	private TestFiles() {
	}

	/**
	 * A PDF with one page per entry, each page's lines written from the top, wrapped at about 90 characters.
	 * @param pages the text of each page
	 */
	public static byte[] pdf(List<String> pages) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (String text : pages) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 10);
					content.setLeading(13);
					content.newLineAtOffset(40, 800);
					int lines = 0;
					for (String line : wrap(helvetica(text), 95)) {
						if (lines++ >= 58) {
							break;
						}
						content.showText(line);
						content.newLine();
					}
					content.endText();
				}
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code text} as the PDFs written here can hold it: characters outside Helvetica's WinAnsi encoding (Greek
	 * letters, say) become {@code ?}. Tests that compare a PDF with the same text as JSON post this.
	 */
	public static String helvetica(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> {
			String ch = new String(Character.toChars(c));
			try {
				HELVETICA.encode(ch);
				out.append(ch);
			}
			catch (IOException | IllegalArgumentException ex) {
				out.append(Character.isWhitespace(c) ? " " : "?");
			}
		});
		return out.toString();
	}

	private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	/** A one-page PDF with a line of text and, below it, a picture of {@code imageText}. */
	public static byte[] pdfWithImage(String pageText, String imageText) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			BufferedImage image = textImage(imageText);
			PDImageXObject picture = LosslessFactory.createFromImage(document, image);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(40, 790);
				content.showText(pageText);
				content.endText();
				content.drawImage(picture, 40, 600, image.getWidth() / 2f, image.getHeight() / 2f);
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A DOCX: for each section a Heading 1 and a paragraph, then a table of {@code rows}. */
	public static byte[] docx(List<String[]> sections, List<String[]> rows) {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			// A heading is a paragraph whose style is named "heading 1": the style must exist in styles.xml.
			org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle style = org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle.Factory
				.newInstance();
			style.setStyleId("Heading1");
			style.addNewName().setVal("heading 1");
			style.setType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType.PARAGRAPH);
			document.createStyles().addStyle(new org.apache.poi.xwpf.usermodel.XWPFStyle(style));
			for (String[] section : sections) {
				XWPFParagraph heading = document.createParagraph();
				heading.setStyle("Heading1");
				heading.createRun().setText(section[0]);
				document.createParagraph().createRun().setText(section[1]);
			}
			XWPFTable table = document.createTable(rows.size(), rows.getFirst().length);
			for (int r = 0; r < rows.size(); r++) {
				for (int c = 0; c < rows.get(r).length; c++) {
					table.getRow(r).getCell(c).setText(rows.get(r)[c]);
				}
			}
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PNG of black text on white, large enough for Tesseract. */
	public static byte[] png(String text) {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			ImageIO.write(textImage(text), "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static BufferedImage textImage(String text) {
		List<String> lines = wrap(text, 40);
		BufferedImage image = new BufferedImage(1400, 80 + 70 * lines.size(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		g.setColor(Color.BLACK);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 48));
		int y = 80;
		for (String line : lines) {
			g.drawString(line, 40, y);
			y += 70;
		}
		g.dispose();
		return image;
	}

	static List<String> wrap(String text, int width) {
		List<String> lines = new java.util.ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split("\\s+")) {
			if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
				lines.add(line.toString());
				line.setLength(0);
			}
			if (!line.isEmpty()) {
				line.append(' ');
			}
			line.append(word);
		}
		if (!line.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

	/**
	 * Skips the calling test when Tesseract is not installed, except under {@code CI=true}, where {@code .ci/run}
	 * installs it and its absence is a failure.
	 */
	public static void assumeTesseract() {
		boolean found = Files.isExecutable(Path.of("/usr/bin/tesseract"))
				|| Files.isExecutable(Path.of("/usr/local/bin/tesseract"));
		if (found) {
			return;
		}
		String message = "no tesseract binary (apt-get install tesseract-ocr tesseract-ocr-eng)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + "; .ci/run installs it, so under CI=true this is a failure");
		}
		Assumptions.assumeThat(found).as(message).isTrue();
	}

}
