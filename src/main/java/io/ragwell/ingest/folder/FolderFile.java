package io.ragwell.ingest.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file of the folder being imported.
 *
 * @param path the file
 * @param relative its path below the folder, with {@code /} separators: the document's {@code source}
 * @param id the document id derived from {@code relative}, the same on every run, so a re-run replaces (or
 * leaves {@code unchanged}) what an earlier run wrote instead of adding copies
 * @param size its length in bytes
 */
record FolderFile(Path path, String relative, String id, long size) {

	/** The service's document id rule (IngestService.ID). */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@\\-]{0,255}");

	private static final Pattern NOT_ID_CHARACTER = Pattern.compile("[^A-Za-z0-9._:@\\-]");

	/**
	 * The files below {@code root} that {@code glob} matches, in path order; hidden files and directories (a name
	 * starting with {@code .}) are skipped.
	 * @param root the folder
	 * @param glob a {@link FileSystems#getDefault() glob} over the relative path; a leading {@code **}{@code /} also
	 * matches files directly in the folder
	 */
	static List<FolderFile> list(Path root, String glob) throws IOException {
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		PathMatcher topLevel = glob.startsWith("**/")
				? FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)) : matcher;
		List<FolderFile> files = new ArrayList<>();
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted().toList()) {
				Path relative = root.relativize(path);
				if (!Files.isRegularFile(path) || hidden(relative)) {
					continue;
				}
				if (!matcher.matches(relative) && !topLevel.matches(relative)) {
					continue;
				}
				String name = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
				files.add(new FolderFile(path, name, idFor(name), Files.size(path)));
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return files;
	}

	private static boolean hidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The id of a relative path: the path itself when the id rule allows it ({@code /} becomes {@code :}, since ids
	 * hold no slash), otherwise the path with every other character replaced by {@code _} and 12 hex digits of its
	 * SHA-256 appended, so two paths that differ only in those characters still get two ids.
	 */
	static String idFor(String relative) {
		String id = relative.replace('/', ':');
		if (ID.matcher(id).matches()) {
			return id;
		}
		String hash = HexFormat.of().formatHex(sha256(relative), 0, 6);
		String cleaned = NOT_ID_CHARACTER.matcher(id).replaceAll("_");
		if (!Character.isLetterOrDigit(cleaned.charAt(0)) || cleaned.charAt(0) > 127) {
			cleaned = "f" + cleaned;
		}
		int room = 256 - hash.length() - 1;
		if (cleaned.length() > room) {
			cleaned = cleaned.substring(0, room);
		}
		return cleaned + "-" + hash;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
