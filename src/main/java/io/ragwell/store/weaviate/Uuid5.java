package io.ragwell.store.weaviate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * RFC 4122 version-5 (SHA-1, name-based) UUIDs, as Weaviate's clients derive object ids
 * ({@code generate_uuid5}: {@code uuid5(NAMESPACE_DNS, name)}). {@link UUID#nameUUIDFromBytes} is version 3
 * (MD5) and would give other ids.
 */
final class Uuid5 {

	static final UUID NAMESPACE_DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

	private Uuid5() {
	}

	/**
	 * @param namespace the namespace UUID
	 * @param name the name, hashed as UTF-8
	 * @return the version-5 UUID of {@code name} in {@code namespace}
	 */
	static UUID of(UUID namespace, String name) {
		MessageDigest sha1;
		try {
			sha1 = MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is a mandatory JDK algorithm", ex);
		}
		sha1.update(ByteBuffer.allocate(16)
			.putLong(namespace.getMostSignificantBits())
			.putLong(namespace.getLeastSignificantBits())
			.array());
		byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC 4122 variant
		ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
		return new UUID(bytes.getLong(), bytes.getLong());
	}

	/** {@code uuid5(NAMESPACE_DNS, name)}, Weaviate's {@code generate_uuid5(name)}. */
	static UUID of(String name) {
		return of(NAMESPACE_DNS, name);
	}

}
