package io.ragwell.ops.resilience;

import io.ragwell.core.ImageCaptioner;

/** Runs every call of a remote {@link ImageCaptioner} under its {@link ResiliencePolicy} (instance {@code vision}). */
public final class ResilientImageCaptioner implements ImageCaptioner {

	private final ImageCaptioner delegate;

	private final ResiliencePolicy policy;

	public ResilientImageCaptioner(ImageCaptioner delegate, ResiliencePolicy policy) {
		this.delegate = delegate;
		this.policy = policy;
	}

	@Override
	public String caption(byte[] image, String contentType) {
		return this.policy.execute(() -> this.delegate.caption(image, contentType));
	}

	@Override
	public boolean enabled() {
		return this.delegate.enabled();
	}

}
