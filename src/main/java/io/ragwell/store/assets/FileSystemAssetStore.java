package io.ragwell.store.assets;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.ragwell.core.AssetStore;
import io.ragwell.core.ParsedDocument;

/**
 * Assets as files: {@code <root>/<sha256(namespace)>/<sha256(document id)>/<n>.<ext>}. Hashed names keep every id
 * and namespace spelling inside the root. A document's assets are replaced as a whole: the new set is written and
 * fsync'd in a fresh directory that is then renamed into place, so a reader sees the old set or the new one.
 */
public final class FileSystemAssetStore implements AssetStore {

	private static final Map<String, String> EXTENSIONS = Map.of("image/png", "png", "image/jpeg", "jpg",
			"image/tiff", "tif", "image/webp", "webp", "image/gif", "gif", "image/bmp", "bmp");

	private static final String OTHER = "bin";

	private final Path root;

	public FileSystemAssetStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public void replace(String namespace, String documentId, List<ParsedDocument.Image> images) {
		Path target = directory(namespace, documentId);
		if (images.isEmpty()) {
			delete(namespace, documentId);
			return;
		}
		try {
			Files.createDirectories(target.getParent());
			Path fresh = target.resolveSibling(".new-" + UUID.randomUUID());
			Files.createDirectory(fresh);
			for (int i = 0; i < images.size(); i++) {
				ParsedDocument.Image image = images.get(i);
				Path file = fresh.resolve((i + 1) + "." + EXTENSIONS.getOrDefault(image.contentType(), OTHER));
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE)) {
					channel.write(java.nio.ByteBuffer.wrap(image.bytes()));
					channel.force(true);
				}
			}
			Path old = target.resolveSibling(".old-" + UUID.randomUUID());
			boolean hadOld = Files.exists(target);
			if (hadOld) {
				move(target, old);
			}
			move(fresh, target);
			if (hadOld) {
				deleteTree(old);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not store the document's images", ex);
		}
	}

	@Override
	public Optional<Asset> find(String namespace, String documentId, int n) {
		if (n < 1) {
			return Optional.empty();
		}
		Path dir = directory(namespace, documentId);
		for (Map.Entry<String, String> type : EXTENSIONS.entrySet()) {
			Optional<Asset> asset = asset(dir.resolve(n + "." + type.getValue()), type.getKey());
			if (asset.isPresent()) {
				return asset;
			}
		}
		return asset(dir.resolve(n + "." + OTHER), "application/octet-stream");
	}

	private static Optional<Asset> asset(Path file, String contentType) {
		try {
			long size = Files.size(file);
			return Optional.of(new Asset(contentType, size, () -> Files.newInputStream(file)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void delete(String namespace, String documentId) {
		Path target = directory(namespace, documentId);
		if (!Files.exists(target)) {
			return;
		}
		try {
			Path old = target.resolveSibling(".old-" + UUID.randomUUID());
			move(target, old);
			deleteTree(old);
		}
		catch (NoSuchFileException ex) {
			// Deleted meanwhile: the document is being written under its lock, so only a crash leftover races here.
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete the document's images", ex);
		}
	}

	private Path directory(String namespace, String documentId) {
		return this.root.resolve(hash(namespace)).resolve(hash(documentId));
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static String hash(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
