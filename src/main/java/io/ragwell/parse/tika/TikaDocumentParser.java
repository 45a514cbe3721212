package io.ragwell.parse.tika;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.ragwell.core.DocumentParser;
import io.ragwell.core.DocumentTooLargeException;
import io.ragwell.core.Health;
import io.ragwell.core.ParseLimits;
import io.ragwell.core.ParsedDocument;
import io.ragwell.core.ParsedDocument.Modality;
import io.ragwell.core.ParsedDocument.Segment;
import io.ragwell.core.UnprocessableDocumentException;
import io.ragwell.core.UnsupportedDocumentTypeException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * {@link DocumentParser} on Apache Tika. Detects the type from the bytes (the declared type and file name are
 * hints), reads only an allow-list of types, and bounds every parse: text by {@link ParseLimits#maxChars()} (the
 * parse stops there), expansion by {@link SecureContentHandler} (zip bombs), time by running on a pool of
 * {@code ragwell.parse.threads} threads with a deadline, images by bytes and pixels before Tesseract sees them.
 * Images, on their own or embedded in a PDF, DOCX or PPTX, are read with Tesseract through Tika's
 * {@link TesseractOCRParser} and become segments of modality {@code IMAGE}. Markdown's headings become sections
 * ({@link MarkdownSections}), as HTML's and DOCX's do.
 * <p>
 * Tika's parsers are built on first use, not at startup: loading them takes a second or two and most requests
 * never need them.
 */
public final class TikaDocumentParser implements DocumentParser, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TikaDocumentParser.class);

	/** Read as documents. Anything else Tika detects (archives, executables, audio) is refused with 415. */
	private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "application/rtf",
			"message/rfc822", "application/xhtml+xml", "application/msword", "application/vnd.ms-excel",
			"application/vnd.ms-powerpoint", "application/vnd.ms-outlook");

	private static final List<String> DOCUMENT_PREFIXES = List.of("text/",
			"application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.");

	/** Read with OCR, on their own or embedded. */
	private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/tiff", "image/webp",
			"image/gif", "image/bmp");

	/** Tika's zip-bomb guard: output over this many characters per input byte, past the threshold, is refused. */
	private static final long MAX_COMPRESSION_RATIO = 200;

	private static final long RATIO_THRESHOLD_CHARS = 1_000_000;

	private final ParseProperties properties;

	private final ExecutorService pool;

	private volatile @Nullable Tika tika;

	private volatile @Nullable Boolean tesseract;

	public TikaDocumentParser(ParseProperties properties) {
		this.properties = properties;
		AtomicInteger threads = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(properties.threads(), (task) -> {
			Thread thread = new Thread(task, "ragwell-parse-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public ParsedDocument parse(InputStream content, @Nullable String declaredType, @Nullable String filename,
			ParseLimits limits) {
		Future<ParsedDocument> future = this.pool.submit(() -> parseNow(content, declaredType, filename, limits));
		try {
			return future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new UnprocessableDocumentException("reading the file took longer than " + limits.timeout()
					.toSeconds() + " s (ragwell.files.parse-timeout)");
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new UnprocessableDocumentException("interrupted while reading the file");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new UnprocessableDocumentException("the file could not be read", ex);
		}
	}

	@Override
	public Health ocrHealth() {
		if (!this.properties.ocr().enabled()) {
			return Health.down("OCR is disabled (ragwell.parse.ocr.enabled=false)");
		}
		return ocrAvailable() ? Health.up(Map.of("engine", "tesseract", "language", this.properties.ocr().language()))
				: Health.down("tesseract was not found; images cannot be read (install tesseract-ocr)");
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

	private ParsedDocument parseNow(InputStream content, @Nullable String declaredType, @Nullable String filename,
			ParseLimits limits) throws IOException {
		Tika tika = tika();
		try (TikaInputStream stream = TikaInputStream.get(new NonClosing(content))) {
			Metadata metadata = new Metadata();
			if (filename != null) {
				metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
			}
			if (declaredType != null) {
				metadata.set(Metadata.CONTENT_TYPE, declaredType);
			}
			String type = tika.detector.detect(stream, metadata).getBaseType().toString();
			if (IMAGE_TYPES.contains(type)) {
				return parseImage(stream, type, limits);
			}
			if (!DOCUMENT_TYPES.contains(type) && DOCUMENT_PREFIXES.stream().noneMatch(type::startsWith)) {
				throw new UnsupportedDocumentTypeException(type);
			}
			return parseDocument(tika, stream, metadata, type, limits);
		}
	}

	private ParsedDocument parseDocument(Tika tika, TikaInputStream stream, Metadata metadata, String type,
			ParseLimits limits) {
		SegmentHandler segments = new SegmentHandler(limits.maxChars());
		SecureContentHandler secure = new SecureContentHandler(segments, stream);
		secure.setMaximumCompressionRatio(MAX_COMPRESSION_RATIO);
		secure.setOutputThreshold(RATIO_THRESHOLD_CHARS);
		List<ParsedDocument.Image> kept = new ArrayList<>();
		ParseContext context = new ParseContext();
		context.set(Parser.class, tika.parser);
		PDFParserConfig pdf = new PDFParserConfig();
		// Images come to the extractor below; Tika never renders pages for OCR on its own.
		pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
		pdf.setExtractInlineImages(ocrAvailable() && limits.maxImages() > 0);
		pdf.setExtractUniqueInlineImagesOnly(true);
		context.set(PDFParserConfig.class, pdf);
		TesseractOCRConfig noOcr = new TesseractOCRConfig();
		noOcr.setSkipOcr(true);
		context.set(TesseractOCRConfig.class, noOcr);
		context.set(EmbeddedDocumentExtractor.class, new Extractor(context, segments, kept, limits));
		try {
			tika.parser.parse(stream, secure, metadata, context);
		}
		catch (EncryptedDocumentException ex) {
			throw new UnprocessableDocumentException("the file is encrypted (password-protected); it cannot be read");
		}
		catch (ZeroByteFileException ex) {
			throw new UnprocessableDocumentException("the file is empty");
		}
		catch (SAXException ex) {
			throw failure(secure, ex, type);
		}
		catch (TikaException | IOException ex) {
			// The handler's stop (too much text, a zip bomb) comes back wrapped, as deep as the parser chose: the PDF
			// parser's reached the caller as "corrupt" when only the first cause was looked at.
			for (Throwable cause = ex.getCause(); cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
				if (cause instanceof SAXException sax) {
					throw failure(secure, sax, type);
				}
			}
			throw corrupt(type, ex);
		}
		// Tika reads Markdown as plain text: its headings are found here.
		List<Segment> read = MarkdownSections.TYPES.contains(type) ? MarkdownSections.split(segments.segments())
				: segments.segments();
		return new ParsedDocument(type, read, declared(metadata), kept);
	}

	private static RuntimeException failure(SecureContentHandler secure, SAXException ex, String type) {
		// Tika wraps the handler's exception (TaggedSAXException): look through the chain.
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SegmentHandler.TooMuchTextException tooMuch) {
				return new DocumentTooLargeException("the file holds more than " + tooMuch.limit()
						+ " characters of text (ragwell.limits.max-extracted-chars)");
			}
		}
		try {
			secure.throwIfCauseOf(ex);
		}
		catch (TikaException bomb) {
			return new UnprocessableDocumentException("the file expands to far more than its size (a zip bomb?);"
					+ " it was not read");
		}
		return corrupt(type, ex);
	}

	private static UnprocessableDocumentException corrupt(String type, Exception ex) {
		if (ex.getCause() instanceof EncryptedDocumentException) {
			return new UnprocessableDocumentException("the file is encrypted (password-protected); it cannot be read");
		}
		String message = String.valueOf(ex.getMessage());
		if (message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
			return new UnprocessableDocumentException("the file expands to far more than its size (a zip bomb?);"
					+ " it was not read");
		}
		log.info("file not parsed type={} cause={}", type, ex.getClass().getSimpleName());
		// The parser's class names stay in the log: they tell a caller nothing about the file and name the server's
		// libraries to whoever probes it.
		return new UnprocessableDocumentException("the file could not be read as " + type + " (corrupt or truncated?)",
				ex);
	}

	/** An image file: its OCR text as one image segment, the image kept as asset 1. */
	private ParsedDocument parseImage(TikaInputStream stream, String type, ParseLimits limits) throws IOException {
		if (!this.properties.ocr().enabled() || !ocrAvailable()) {
			throw new UnprocessableDocumentException("OCR is not available on this server: images cannot be read");
		}
		byte[] bytes = readAtMost(stream, limits.maxImageBytes());
		if (bytes == null) {
			throw new DocumentTooLargeException("the image is larger than " + limits.maxImageBytes()
					+ " bytes (ragwell.files.max-image-bytes)");
		}
		checkPixels(bytes, limits);
		String text = ocr(bytes, type, limits);
		if (text.isBlank()) {
			throw new UnprocessableDocumentException("no text was recognised in the image; nothing to index");
		}
		boolean keep = bytes.length <= limits.maxKeptImageBytes();
		List<ParsedDocument.Image> images = keep ? List.of(new ParsedDocument.Image(type, bytes)) : List.of();
		return new ParsedDocument(type, List.of(new Segment(text, null, null, Modality.IMAGE, keep ? 1 : null)),
				Map.of(), images);
	}

	private static void checkPixels(byte[] bytes, ParseLimits limits) {
		long pixels = pixels(bytes);
		if (pixels > limits.maxImagePixels()) {
			throw new DocumentTooLargeException("the image has " + pixels + " pixels; at most "
					+ limits.maxImagePixels() + " are read (ragwell.files.max-image-pixels)");
		}
	}

	/** Width × height from the image header, without decoding it; 0 when no reader knows the format. */
	private static long pixels(byte[] bytes) {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			if (input == null) {
				return 0;
			}
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				return 0;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				return (long) reader.getWidth(0) * reader.getHeight(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new UnprocessableDocumentException("the image could not be read (corrupt?)");
		}
	}

	private String ocr(byte[] bytes, String type, ParseLimits limits) throws IOException {
		Tika tika = tika();
		TesseractOCRConfig config = new TesseractOCRConfig();
		config.setLanguage(this.properties.ocr().language());
		config.setTimeoutSeconds((int) Math.max(1, this.properties.ocr().timeout().toSeconds()));
		config.setMaxFileSizeToOcr(limits.maxImageBytes());
		ParseContext context = new ParseContext();
		context.set(TesseractOCRConfig.class, config);
		BodyContentHandler text = new BodyContentHandler((int) Math.min(Integer.MAX_VALUE, limits.maxChars()));
		Metadata metadata = new Metadata();
		metadata.set(Metadata.CONTENT_TYPE, type);
		try (TikaInputStream image = TikaInputStream.get(bytes)) {
			tika.ocr.parse(image, text, metadata, context);
		}
		catch (SAXException ex) {
			throw new DocumentTooLargeException("the image holds more than " + limits.maxChars()
					+ " characters of text (ragwell.limits.max-extracted-chars)");
		}
		catch (TikaException ex) {
			if (String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
				throw new UnprocessableDocumentException("reading the image's text took longer than "
						+ this.properties.ocr().timeout().toSeconds() + " s (ragwell.parse.ocr.timeout)");
			}
			throw new UnprocessableDocumentException("the image could not be read (corrupt?)", ex);
		}
		return text.toString().strip();
	}

	/** The metadata the file declares, as strings: title, author, language, created. */
	private static Map<String, Object> declared(Metadata metadata) {
		Map<String, Object> declared = new LinkedHashMap<>();
		putIfPresent(declared, "title", metadata.get(TikaCoreProperties.TITLE));
		String[] creators = metadata.getValues(TikaCoreProperties.CREATOR);
		if (creators.length > 0) {
			declared.put("author", String.join(", ", creators));
		}
		putIfPresent(declared, "language", metadata.get(TikaCoreProperties.LANGUAGE));
		java.util.Date created = metadata.getDate(TikaCoreProperties.CREATED);
		if (created != null) {
			declared.put("created", Instant.ofEpochMilli(created.getTime()).toString());
		}
		return declared;
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

	/** The whole stream if it has at most {@code max} bytes, else null (having read max + 1). */
	private static byte @Nullable [] readAtMost(InputStream in, long max) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
		return (bytes.length > max) ? null : bytes;
	}

	private boolean ocrAvailable() {
		Boolean known = this.tesseract;
		if (known == null) {
			known = this.properties.ocr().enabled() && probeTesseract();
			this.tesseract = known;
		}
		return known;
	}

	private boolean probeTesseract() {
		String dir = this.properties.ocr().tesseractPath();
		String binary = dir.isBlank() ? "tesseract" : java.nio.file.Path.of(dir, "tesseract").toString();
		try {
			Process process = new ProcessBuilder(binary, "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			boolean found = process.exitValue() == 0;
			log.info("tesseract {}", found ? "found: images are read with OCR" : "failed to start: images cannot be read");
			return found;
		}
		catch (IOException ex) {
			log.info("tesseract not found: image files get 422 and embedded images are skipped");
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Tika tika() {
		Tika current = this.tika;
		if (current == null) {
			synchronized (this) {
				current = this.tika;
				if (current == null) {
					current = new Tika(this.properties.ocr());
					this.tika = current;
				}
			}
		}
		return current;
	}

	/** Tika's detector and parsers, built once. */
	private static final class Tika {

		private final Detector detector;

		private final AutoDetectParser parser;

		private final TesseractOCRParser ocr;

		Tika(ParseProperties.Ocr properties) {
			TikaConfig config = TikaConfig.getDefaultConfig();
			this.detector = config.getDetector();
			this.parser = new AutoDetectParser(config);
			this.ocr = new TesseractOCRParser();
			if (!properties.tesseractPath().isBlank()) {
				this.ocr.setTesseractPath(properties.tesseractPath());
			}
			try {
				this.ocr.initialize(Map.of());
			}
			catch (TikaException ex) {
				log.info("tesseract could not be initialised: {}", ex.getClass().getSimpleName());
			}
		}

	}

	/**
	 * Embedded resources: images are read with OCR (bounded like image files, at most {@code maxImages}) and become
	 * image segments where they sit; other embedded documents (a mail's attachments) are parsed into the same text.
	 */
	private final class Extractor implements EmbeddedDocumentExtractor {

		private final ParsingEmbeddedDocumentExtractor documents;

		private final SegmentHandler segments;

		private final List<ParsedDocument.Image> kept;

		private final ParseLimits limits;

		private int images;

		private long keptBytes;

		Extractor(ParseContext context, SegmentHandler segments, List<ParsedDocument.Image> kept, ParseLimits limits) {
			this.documents = new ParsingEmbeddedDocumentExtractor(context);
			this.segments = segments;
			this.kept = kept;
			this.limits = limits;
		}

		@Override
		public boolean shouldParseEmbedded(Metadata metadata) {
			return true;
		}

		@Override
		public void parseEmbedded(InputStream raw, ContentHandler handler, Metadata metadata, boolean outputHtml)
				throws SAXException, IOException {
			// One wrapper for detection and reading (the same object when Tika already passed one), so the bytes
			// detection looked at are read again.
			TikaInputStream stream = TikaInputStream.get(raw);
			String type = embeddedType(stream, metadata);
			if (!type.startsWith("image/")) {
				if (DOCUMENT_TYPES.contains(type) || DOCUMENT_PREFIXES.stream().anyMatch(type::startsWith)) {
					this.documents.parseEmbedded(stream, handler, metadata, outputHtml);
				}
				return;
			}
			if (!IMAGE_TYPES.contains(type) || !ocrAvailable() || this.images >= this.limits.maxImages()) {
				return;
			}
			byte[] bytes = readAtMost(stream, this.limits.maxImageBytes());
			if (bytes == null || pixels(bytes) > this.limits.maxImagePixels()) {
				return;
			}
			this.images++;
			String text;
			try {
				text = ocr(bytes, type, this.limits);
			}
			catch (UnprocessableDocumentException ex) {
				// One unreadable picture does not make the document unreadable.
				log.info("embedded image not read: {}", ex.getMessage());
				return;
			}
			if (text.isBlank()) {
				return;
			}
			Integer index = null;
			if (this.keptBytes + bytes.length <= this.limits.maxKeptImageBytes()) {
				this.kept.add(new ParsedDocument.Image(type, bytes));
				this.keptBytes += bytes.length;
				index = this.kept.size();
			}
			this.segments.addImage(text,
					this.segments.positionOf(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY)), index);
		}

		private String embeddedType(TikaInputStream stream, Metadata metadata) throws IOException {
			String declaredType = metadata.get(Metadata.CONTENT_TYPE);
			if (declaredType != null) {
				MediaType parsed = MediaType.parse(declaredType);
				if (parsed != null && !parsed.getBaseType().toString().equals("application/octet-stream")) {
					return parsed.getBaseType().toString();
				}
			}
			return tika().detector.detect(stream, metadata).getBaseType().toString();
		}

	}

	/** Tika closes what it is given; the caller owns the upload's stream. */
	private static final class NonClosing extends java.io.FilterInputStream {

		NonClosing(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
			// The caller closes it.
		}

	}

}
