package io.ragwell.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A parsed file: its text as segments in reading order, each of which chunks on its own (a chunk never straddles
 * a page, a section or an image), the metadata the file declares, and the images kept as assets.
 *
 * @param contentType the detected media type, e.g. {@code application/pdf}
 * @param segments the text, in reading order; never empty
 * @param metadata what the file declares: {@code title}, {@code author}, {@code language}, {@code created}
 * (ISO-8601), as strings; absent keys are unknown
 * @param images images kept as assets, referenced by {@link Segment#image()} (1-based)
 */
public record ParsedDocument(String contentType, List<Segment> segments, Map<String, Object> metadata,
		List<Image> images) {

	public ParsedDocument {
		Objects.requireNonNull(contentType, "contentType");
		segments = List.copyOf(segments);
		metadata = Map.copyOf(metadata);
		images = List.copyOf(images);
	}

	/** Text of one segment. */
	public enum Modality {

		/** Text the file holds as text. */
		TEXT,
		/** Text read off an image (OCR), or a caption of it. */
		IMAGE

	}

	/**
	 * A run of text that belongs to one page, one section and one modality.
	 *
	 * @param text the text (not blank)
	 * @param page the 1-based page (PDF) or slide (PPTX) it is on, if the format has pages
	 * @param section the heading it is under, if any
	 * @param modality where the text comes from
	 * @param image the 1-based index into {@link ParsedDocument#images()} of the image it was read from, if kept
	 */
	public record Segment(String text, @Nullable Integer page, @Nullable String section, Modality modality,
			@Nullable Integer image) {

		public Segment {
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(modality, "modality");
		}

	}

	/**
	 * An image's original bytes.
	 *
	 * @param contentType its media type, e.g. {@code image/png}
	 * @param bytes the bytes as the file held them
	 */
	public record Image(String contentType, byte[] bytes) {

		public Image {
			Objects.requireNonNull(contentType, "contentType");
			Objects.requireNonNull(bytes, "bytes");
		}

	}

}
