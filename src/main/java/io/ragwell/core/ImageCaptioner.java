package io.ragwell.core;

/**
 * Describes an image in a sentence or two, so a picture without text is still found by what it shows. Optional:
 * {@link #NONE} when no vision model is configured.
 */
public interface ImageCaptioner {

	/** No captions. */
	ImageCaptioner NONE = new ImageCaptioner() {

		@Override
		public String caption(byte[] image, String contentType) {
			return "";
		}

		@Override
		public boolean enabled() {
			return false;
		}

	};

	/**
	 * @param image the image's bytes
	 * @param contentType its media type, e.g. {@code image/png}
	 * @return a short description; empty when there is nothing to say
	 * @throws RemoteCallException when the vision model fails
	 */
	String caption(byte[] image, String contentType);

	/** Whether captions are produced at all (callers skip the work otherwise). */
	default boolean enabled() {
		return true;
	}

}
