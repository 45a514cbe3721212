package io.ragwell.ingest.folder;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of an import: a bar redrawn in place on a terminal (files, MB, chunks, rate, ETA), or one plain line
 * per file when the output is a file or a pipe, so a log stays readable.
 */
final class Progress {

	private static final int BAR_WIDTH = 24;

	/** Redraws at most this often on a terminal: a folder of many small files would otherwise flood it. */
	private static final long REDRAW_NANOS = 100_000_000L;

	private final PrintStream out;

	private final boolean terminal;

	private final int totalFiles;

	private final long totalBytes;

	private final long startedNanos = System.nanoTime();

	private long lastDraw;

	private int files;

	private long bytes;

	private long chunks;

	Progress(PrintStream out, boolean terminal, int totalFiles, long totalBytes) {
		this.out = out;
		this.terminal = terminal;
		this.totalFiles = totalFiles;
		this.totalBytes = totalBytes;
	}

	/** One file is done (or failed); {@code line} says how, for the plain output. */
	synchronized void fileDone(long fileBytes, long fileChunks, String line) {
		this.files++;
		this.bytes += fileBytes;
		this.chunks += fileChunks;
		if (this.terminal) {
			draw(false);
		}
		else {
			this.out.printf(Locale.ROOT, "[%d/%d] %s%n", this.files, this.totalFiles, line);
		}
	}

	/** A plain message that must not be overdrawn (a terminal gets it on its own line, above the bar). */
	synchronized void message(String line) {
		if (this.terminal) {
			this.out.print("\r\033[K");
		}
		this.out.println(line);
		if (this.terminal) {
			draw(true);
		}
	}

	synchronized void finish() {
		if (this.terminal) {
			draw(true);
			this.out.println();
		}
	}

	private void draw(boolean force) {
		long now = System.nanoTime();
		if (!force && now - this.lastDraw < REDRAW_NANOS && this.files < this.totalFiles) {
			return;
		}
		this.lastDraw = now;
		this.out.print("\r\033[K" + line(now));
		this.out.flush();
	}

	String line(long now) {
		double seconds = Math.max(1e-3, (now - this.startedNanos) / 1e9);
		double fraction = (this.totalBytes > 0) ? (double) this.bytes / this.totalBytes
				: (this.totalFiles > 0) ? (double) this.files / this.totalFiles : 1;
		int filled = (int) Math.round(Math.min(1, fraction) * BAR_WIDTH);
		double bytesPerSecond = this.bytes / seconds;
		String eta = (this.bytes > 0 && this.bytes < this.totalBytes)
				? clock((long) ((this.totalBytes - this.bytes) / bytesPerSecond)) : "--:--";
		return String.format(Locale.ROOT, "[%s%s] %d/%d files  %.1f/%.1f MB  %d chunks  %.1f files/s  %.2f MB/s  ETA %s",
				"#".repeat(filled), "-".repeat(BAR_WIDTH - filled), this.files, this.totalFiles, this.bytes / 1e6,
				this.totalBytes / 1e6, this.chunks, this.files / seconds, bytesPerSecond / 1e6, eta);
	}

	private static String clock(long seconds) {
		return (seconds >= 3600) ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
				: String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
	}

}
