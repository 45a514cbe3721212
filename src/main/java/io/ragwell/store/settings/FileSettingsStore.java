package io.ragwell.store.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.ragwell.core.SettingsStore;

/**
 * Settings documents as files: {@code <root>/<sha256(namespace)>/<name>.json}. A hashed directory name keeps every
 * namespace spelling inside the root. A write goes to a temporary file that is fsync'd, renamed over the old one
 * (atomic on POSIX file systems) and followed by an fsync of the directory, so a crash leaves the old document or
 * the new one, never a torn one.
 */
public final class FileSettingsStore implements SettingsStore {

	private final Path root;

	/** @param root directory holding every namespace's documents; created on the first write */
	public FileSettingsStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** The directory this store writes to. */
	public Path root() {
		return this.root;
	}

	@Override
	public Optional<String> read(String namespace, String name) {
		Path file = file(namespace, name);
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the settings file " + file, ex);
		}
	}

	@Override
	public void write(String namespace, String name, String json) {
		if (json.length() > MAX_DOCUMENT_CHARS) {
			throw new IllegalArgumentException(
					"a settings document holds at most " + MAX_DOCUMENT_CHARS + " characters, was " + json.length());
		}
		Path directory = directory(namespace);
		Path file = directory.resolve(SettingsStore.checkName(name) + ".json");
		Path temporary = directory.resolve("." + name + "-" + UUID.randomUUID() + ".tmp");
		try {
			Files.createDirectories(directory);
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE)) {
				ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
			syncDirectory(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the settings file " + file, ex);
		}
		finally {
			try {
				Files.deleteIfExists(temporary);
			}
			catch (IOException ex) {
				// A leftover temporary file is harmless: it is never read.
			}
		}
	}

	/** Makes the rename durable; some file systems refuse to open a directory, and then there is nothing to do. */
	private static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Not supported here (e.g. some non-POSIX file systems): the rename is as durable as the platform makes it.
		}
	}

	private Path file(String namespace, String name) {
		return directory(namespace).resolve(SettingsStore.checkName(name) + ".json");
	}

	private Path directory(String namespace) {
		return this.root.resolve(sha256(namespace));
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

}
