package io.ragwell.parse.tika;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.ragwell.core.ParsedDocument.Modality;
import io.ragwell.core.ParsedDocument.Segment;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML into segments: a new segment at every page ({@code <div class="page">} in PDFs, a slide in
 * presentations) and every heading ({@code h1}–{@code h6}, whose text becomes the {@code section} and also opens the
 * segment); table rows become lines of {@code |}-separated cells; blocks become lines. Counts every character it
 * keeps and stops the parse past {@code maxChars}, so the text, not the file, bounds memory.
 */
final class SegmentHandler extends DefaultHandler {

	private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "br", "table", "ul", "ol", "pre",
			"blockquote", "dt", "dd", "section", "article");

	private static final Set<String> PAGE_CLASSES = Set.of("page", "slide-content");

	private final long maxChars;

	private final List<Segment> segments = new ArrayList<>();

	/** Where each embedded image was referenced ({@code <img src="embedded:name">}), by name. */
	private final Map<String, Position> imagePositions = new HashMap<>();

	private StringBuilder text = new StringBuilder();

	private @Nullable Integer page;

	private @Nullable String section;

	private @Nullable StringBuilder heading;

	private int headDepth;

	private boolean firstCell;

	/** Inside a table cell: its paragraphs are joined by spaces, so a row stays one line. */
	private int cellDepth;

	private long chars;

	SegmentHandler(long maxChars) {
		this.maxChars = maxChars;
	}

	/** Where an embedded image sits: its page and section. */
	record Position(@Nullable Integer page, @Nullable String section) {
	}

	/** The segments so far, the current one included. */
	List<Segment> segments() {
		flush();
		return List.copyOf(this.segments);
	}

	/** The page and section an embedded image was placed at, or the current ones. */
	Position positionOf(@Nullable String resourceName) {
		Position known = (resourceName != null) ? this.imagePositions.get(resourceName) : null;
		return (known != null) ? known : new Position(this.page, this.section);
	}

	/**
	 * Adds the text read off an image as a segment of its own, after the text before it.
	 * @param ocrText the image's text
	 * @param position where the image is
	 * @param image the kept image's 1-based index, or null when not kept
	 */
	void addImage(String ocrText, Position position, @Nullable Integer image) throws SAXException {
		flush();
		count(ocrText.length());
		this.segments.add(new Segment(ocrText, position.page(), position.section(), Modality.IMAGE, image));
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
		stopIfCancelled();
		String name = localName.toLowerCase(Locale.ROOT);
		if (name.equals("head")) {
			this.headDepth++;
		}
		if (this.headDepth > 0) {
			return;
		}
		String cssClass = attributes.getValue("class");
		if (name.equals("div") && cssClass != null && PAGE_CLASSES.contains(cssClass)) {
			flush();
			this.page = (this.page == null) ? 1 : this.page + 1;
			return;
		}
		if (isHeading(name)) {
			flush();
			this.heading = new StringBuilder();
			return;
		}
		if (name.equals("img")) {
			String src = attributes.getValue("src");
			if (src != null && src.startsWith("embedded:")) {
				this.imagePositions.putIfAbsent(src.substring("embedded:".length()),
						new Position(this.page, this.section));
			}
			return;
		}
		if (name.equals("tr")) {
			this.firstCell = true;
		}
		if (name.equals("td") || name.equals("th")) {
			if (!this.firstCell) {
				trimTrailing(true);
				this.text.append(" | ");
			}
			this.firstCell = false;
			this.cellDepth++;
			return;
		}
		if (BLOCKS.contains(name)) {
			newLine();
		}
	}

	@Override
	public void endElement(String uri, String localName, String qName) throws SAXException {
		stopIfCancelled();
		String name = localName.toLowerCase(Locale.ROOT);
		if (name.equals("head")) {
			this.headDepth = Math.max(0, this.headDepth - 1);
			return;
		}
		if (this.headDepth > 0) {
			return;
		}
		if (isHeading(name) && this.heading != null) {
			String title = this.heading.toString().replaceAll("\\s+", " ").strip();
			if (!title.isEmpty()) {
				this.section = title;
			}
			this.heading = null;
			newLine();
			return;
		}
		if (name.equals("td") || name.equals("th")) {
			this.cellDepth = Math.max(0, this.cellDepth - 1);
			trimTrailing(false);
			return;
		}
		if (name.equals("div") || BLOCKS.contains(name)) {
			newLine();
		}
	}

	@Override
	public void characters(char[] ch, int start, int length) throws SAXException {
		stopIfCancelled();
		if (this.headDepth > 0 || length == 0) {
			return;
		}
		count(length);
		this.text.append(ch, start, length);
		if (this.heading != null) {
			this.heading.append(ch, start, length);
		}
	}

	@Override
	public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
		stopIfCancelled();
		// Tika's own newlines. Blocks already end lines, but a PDF's line breaks arrive only this way: dropped, the
		// last word of a line ran into the first of the next ("plasma" + "cobalt" read "plasmacobalt").
		if (this.headDepth > 0) {
			return;
		}
		int end = this.text.length();
		if (end > 0 && !Character.isWhitespace(this.text.charAt(end - 1))) {
			newLine();
		}
		if (this.heading != null) {
			this.heading.append(' ');
		}
	}

	/**
	 * Ends a parse whose caller gave up (its deadline passed: the future was cancelled, which interrupts this
	 * thread). Tika's parsers do not look at interrupts, so without this a file that parses for long without text
	 * (empty pages, empty elements) kept its parse thread to the end, and every file behind it timed out in the
	 * queue.
	 */
	private static void stopIfCancelled() throws SAXException {
		if (Thread.currentThread().isInterrupted()) {
			throw new CancelledException();
		}
	}

	/** The parse was cancelled: nobody waits for its result. */
	static final class CancelledException extends SAXException {

		private static final long serialVersionUID = 1L;

		CancelledException() {
			super("the parse was cancelled");
		}

	}

	private void count(int length) throws SAXException {
		this.chars += length;
		if (this.chars > this.maxChars) {
			throw new TooMuchTextException(this.maxChars);
		}
	}

	private void newLine() {
		int end = this.text.length();
		if (this.cellDepth > 0) {
			if (end > 0 && !Character.isWhitespace(this.text.charAt(end - 1))) {
				this.text.append(' ');
			}
			return;
		}
		if (end > 0 && this.text.charAt(end - 1) != '\n') {
			this.text.append('\n');
		}
	}

	/** Drops trailing spaces, and with {@code newline} one line break (a cell's own, between two cells). */
	private void trimTrailing(boolean newline) {
		int end = this.text.length();
		while (end > 0 && Character.isWhitespace(this.text.charAt(end - 1)) && this.text.charAt(end - 1) != '\n') {
			end--;
		}
		if (newline && end > 0 && this.text.charAt(end - 1) == '\n') {
			end--;
		}
		this.text.setLength(end);
	}

	private void flush() {
		String value = this.text.toString().strip();
		if (!value.isEmpty()) {
			this.segments.add(new Segment(value, this.page, this.section, Modality.TEXT, null));
		}
		this.text = new StringBuilder();
	}

	private static boolean isHeading(String name) {
		return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
	}

	/** The text passed {@code maxChars}: the parse stops here. */
	static final class TooMuchTextException extends SAXException {

		private final long limit;

		TooMuchTextException(long limit) {
			super("more than " + limit + " characters of text");
			this.limit = limit;
		}

		long limit() {
			return this.limit;
		}

	}

}
