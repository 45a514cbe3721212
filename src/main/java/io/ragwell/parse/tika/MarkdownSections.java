package io.ragwell.parse.tika;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ragwell.core.ParsedDocument.Modality;
import io.ragwell.core.ParsedDocument.Segment;
import org.jspecify.annotations.Nullable;

/**
 * Markdown's headings as sections. Tika reads Markdown as plain text, so its headings reach the parser as lines
 * starting with {@code #}: this splits the text at every ATX heading ({@code #} to {@code ######}) and setext
 * heading (a paragraph underlined with {@code ===} or {@code ---}) outside fenced code blocks, the way
 * {@link SegmentHandler} splits HTML and DOCX at theirs. Each heading's text becomes the {@code section} of the
 * segment it opens and stays its first line (without the {@code #} marks), so a chunk keeps its heading.
 */
final class MarkdownSections {

	/** The types Tika gives Markdown, by name ({@code .md}, {@code .markdown}) or declared. */
	static final Set<String> TYPES = Set.of("text/x-web-markdown", "text/markdown");

	/** CommonMark's ATX heading: up to 3 spaces, 1-6 #, then a space or the end; a closing run of # is dropped. */
	private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");

	private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

	/** Lines that cannot be a setext heading's text: list items, quotes, tables' rules, indented code. */
	private static final Pattern NOT_PARAGRAPH = Pattern.compile("^(?: {4}|\\t| {0,3}(?:[-*+>]|\\d{1,9}[.)])(?:[ \\t]|$))");

	private final List<Segment> out = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private @Nullable String section;

	/** Lines of the open paragraph, which a setext underline turns into a heading. */
	private final List<String> paragraph = new ArrayList<>();

	/** Where the open paragraph starts in {@link #text}. */
	private int paragraphStart;

	private MarkdownSections() {
	}

	/**
	 * The segments with Markdown's headings as sections. Image segments and segments of no Markdown text pass
	 * through; a segment's page, if it had one, is kept.
	 */
	static List<Segment> split(List<Segment> segments) {
		List<Segment> result = new ArrayList<>();
		for (Segment segment : segments) {
			if (segment.modality() != Modality.TEXT) {
				result.add(segment);
				continue;
			}
			MarkdownSections splitter = new MarkdownSections();
			splitter.section = segment.section();
			splitter.read(segment.text(), segment.page());
			result.addAll(splitter.out);
		}
		return List.copyOf(result);
	}

	private void read(String markdown, @Nullable Integer page) {
		String fence = null;
		for (String line : markdown.split("\r\n|\r|\n", -1)) {
			if (fence != null) {
				append(line);
				if (line.strip().startsWith(fence)) {
					fence = null;
				}
				continue;
			}
			Matcher opening = FENCE.matcher(line);
			if (opening.find()) {
				fence = opening.group(1);
				endParagraph();
				append(line);
				continue;
			}
			Matcher atx = ATX.matcher(line);
			if (atx.matches()) {
				String title = (atx.group(2) != null) ? atx.group(2).strip() : "";
				endParagraph();
				heading(title, page);
				continue;
			}
			if (line.isBlank()) {
				endParagraph();
				append(line);
				continue;
			}
			if (SETEXT.matcher(line).matches() && !this.paragraph.isEmpty()) {
				String title = String.join(" ", this.paragraph).replaceAll("\\s+", " ").strip();
				this.text.setLength(this.paragraphStart);
				this.paragraph.clear();
				heading(title, page);
				continue;
			}
			if (this.paragraph.isEmpty()) {
				if (NOT_PARAGRAPH.matcher(line).find()) {
					append(line);
					continue;
				}
				this.paragraphStart = this.text.length();
			}
			this.paragraph.add(line);
			append(line);
		}
		flush(page);
	}

	/** Closes the segment before the heading and opens the heading's, its text the heading's first line. */
	private void heading(String title, @Nullable Integer page) {
		flush(page);
		if (!title.isEmpty()) {
			this.section = title;
			append(title);
		}
	}

	private void endParagraph() {
		this.paragraph.clear();
	}

	private void append(String line) {
		this.text.append(line).append('\n');
	}

	private void flush(@Nullable Integer page) {
		String value = this.text.toString().strip();
		if (!value.isEmpty()) {
			this.out.add(new Segment(value, page, this.section, Modality.TEXT, null));
		}
		this.text.setLength(0);
		this.paragraph.clear();
	}

}
