/**
 * What the HTTP adapters of remote dependencies share: reading a failed response into a
 * {@link io.ragwell.core.RemoteCallException} (retryable or not, the provider's code, its Retry-After).
 */
@NullMarked
package io.ragwell.system.http;

import org.jspecify.annotations.NullMarked;
