package io.ragwell.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import io.ragwell.web.security.SecurityProperties.ApiKey;
import org.jspecify.annotations.Nullable;

/**
 * Finds the configured key matching a presented one, in time that does not depend on how much of it matched:
 * both sides are hashed to fixed length and every configured key is compared, without an early exit.
 */
final class ApiKeyAuthenticator {

	private final List<ApiKey> keys;

	private final List<byte[]> digests;

	ApiKeyAuthenticator(List<ApiKey> keys) {
		this.keys = List.copyOf(keys);
		this.digests = keys.stream().map(key -> sha256(key.key())).toList();
	}

	@Nullable ApiKey authenticate(String presented) {
		byte[] digest = sha256(presented);
		ApiKey match = null;
		for (int i = 0; i < this.keys.size(); i++) {
			if (MessageDigest.isEqual(this.digests.get(i), digest) && match == null) {
				match = this.keys.get(i);
			}
		}
		return match;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

}
