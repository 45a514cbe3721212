package io.ragwell.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.ParsedDocument;
import io.ragwell.core.ParsedDocument.Modality;
import io.ragwell.core.ParsedDocument.Segment;
import io.ragwell.core.UnprocessableDocumentException;
import io.ragwell.ingest.chunk.Chunker;
import org.jspecify.annotations.Nullable;

/**
 * How a parsed file becomes a document: its text, its metadata (what the file declares, under the caller's), and
 * chunks that follow its segments, each carrying its {@code page}, {@code section} and, for text read off an
 * image, {@code modality: "image"} and the {@code asset_url} of the image.
 */
final class FileDocuments {

	/** Metadata keys a file contributes; the caller's metadata wins over all but {@link #FILE_SHA256}. */
	static final String CONTENT_TYPE = "content_type";

	static final String FILE_SHA256 = "file_sha256";

	/** Dropped first, in this order, when the caller's metadata leaves no room for them. */
	private static final List<String> DETECTED = List.of("created", "language", "author", "title", CONTENT_TYPE,
			FILE_SHA256);

	/** Long enough for any real title; a value is cut here, so the file's own metadata cannot fill the budget. */
	private static final int MAX_DETECTED_CHARS = 256;

	private static final int MAX_SECTION_CHARS = 200;

	private static final String SEPARATOR = "\n\n";

	private FileDocuments() {
	}

	/**
	 * The file's text and the segments it is made of.
	 * @param content the document's text: the segments' texts, blank-line separated
	 * @param segments the segments with text, in order
	 * @param images the images to keep as assets
	 * @param documentId the document, for the asset URLs
	 */
	record Layout(String content, List<Segment> segments, List<ParsedDocument.Image> images, String documentId) {
	}

	static Layout layout(ParsedDocument parsed, String documentId) {
		List<Segment> segments = new ArrayList<>();
		StringBuilder content = new StringBuilder();
		for (Segment segment : parsed.segments()) {
			String text = io.ragwell.core.Text.sanitize(segment.text()).strip();
			if (text.isEmpty()) {
				continue;
			}
			if (!content.isEmpty()) {
				content.append(SEPARATOR);
			}
			content.append(text);
			segments.add(new Segment(text, segment.page(), segment.section(), segment.modality(), segment.image()));
		}
		if (segments.isEmpty()) {
			throw new UnprocessableDocumentException("no text was found in the file ("
					+ parsed.contentType() + "); nothing to index");
		}
		return new Layout(content.toString(), segments, parsed.images(), documentId);
	}

	/**
	 * Chunks each segment on its own, so no chunk straddles a page, a section or an image; positions run on
	 * across segments.
	 */
	static List<Chunk> chunk(Chunker chunker, Document document, Layout layout) {
		List<Chunk> chunks = new ArrayList<>();
		for (Segment segment : layout.segments()) {
			Map<String, Object> metadata = new TreeMap<>(document.metadata());
			metadata.putAll(attributes(segment, layout.documentId()));
			Map<String, Object> frozen = Map.copyOf(metadata);
			Document part = new Document(document.id(), document.namespace(), segment.text(), document.metadata(),
					document.source(), document.createdAt(), document.updatedAt());
			for (Chunk chunk : chunker.chunk(part)) {
				int position = chunks.size();
				chunks.add(new Chunk(Chunk.idFor(document.id(), position), document.id(), chunk.content(), position,
						frozen, chunk.tokenCount(), chunk.source(), chunk.contentHash()));
			}
		}
		return chunks;
	}

	/** A segment's chunk metadata: where in the file it is, and the image it was read from. */
	static Map<String, Object> attributes(Segment segment, String documentId) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (segment.page() != null) {
			attributes.put("page", segment.page().longValue());
		}
		if (segment.section() != null && !segment.section().isBlank()) {
			attributes.put("section", cut(io.ragwell.core.Text.sanitize(segment.section()).strip(), MAX_SECTION_CHARS));
		}
		if (segment.modality() == Modality.IMAGE) {
			attributes.put("modality", "image");
			if (segment.image() != null) {
				attributes.put("asset_url", "/documents/" + documentId + "/assets/" + segment.image());
			}
		}
		return attributes;
	}

	/**
	 * The document's metadata: what the file declares ({@code content_type}, {@code title}, {@code author},
	 * {@code language}, {@code created}) and the file's hash, under the caller's own. Within the metadata
	 * limits: detected values are cut short, and dropped (least useful first) when the caller's leave no room.
	 */
	static Map<String, Object> metadata(ParsedDocument parsed, String fileHash, Map<String, Object> caller,
			long maxBytes, int maxEntries) {
		Map<String, Object> detected = new TreeMap<>();
		detected.put(CONTENT_TYPE, parsed.contentType());
		parsed.metadata().forEach((key, value) -> {
			if (DETECTED.contains(key) && value instanceof String text) {
				String clean = io.ragwell.core.Text.sanitize(text).strip();
				if (!clean.isEmpty()) {
					detected.put(key, cut(clean, MAX_DETECTED_CHARS));
				}
			}
		});
		Map<String, Object> merged = new TreeMap<>(detected);
		merged.putAll(caller);
		merged.put(FILE_SHA256, fileHash);
		for (String key : DETECTED) {
			if (merged.size() <= maxEntries && MetadataValues.serialisedBytes(merged) <= maxBytes) {
				break;
			}
			if (!caller.containsKey(key) || key.equals(FILE_SHA256)) {
				merged.remove(key);
			}
		}
		return Map.copyOf(merged);
	}

	/**
	 * Whether {@code stored} was ingested from the same bytes with the same caller metadata and source: then
	 * re-ingesting it changes nothing, and the file need not be parsed again.
	 */
	static boolean sameFile(Document stored, String fileHash, Map<String, Object> caller, @Nullable String source) {
		if (!fileHash.equals(stored.metadata().get(FILE_SHA256)) || !Objects.equals(stored.source(), source)) {
			return false;
		}
		Map<String, Object> expected = new TreeMap<>();
		stored.metadata().forEach((key, value) -> {
			if (DETECTED.contains(key)) {
				expected.put(key, value);
			}
		});
		expected.putAll(caller);
		expected.put(FILE_SHA256, fileHash);
		return expected.equals(new TreeMap<>(stored.metadata()));
	}

	static String sha256(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UnprocessableDocumentException("the file could not be read", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	private static String cut(String value, int max) {
		if (value.length() <= max) {
			return value;
		}
		int end = max;
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end);
	}

}
