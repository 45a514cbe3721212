package io.ragwell.eval;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long commands: done/total, rate and time left, at most one line per {@link #INTERVAL_NANOS}
 * and one at the end. Written to stderr by the commands, so stdout keeps only the results.
 */
final class Progress {

	/** Often enough to see it move, rarely enough not to flood a log file. */
	static final long INTERVAL_NANOS = 5_000_000_000L;

	private final PrintStream out;

	private final String what;

	private final int total;

	private final String unit;

	private final long start = System.nanoTime();

	private long lastPrinted = this.start;

	private int done;

	private int printed = -1;

	/**
	 * @param out where the lines go
	 * @param what the phase, e.g. {@code ingest}
	 * @param total units to do
	 * @param unit what is counted, e.g. {@code documents}
	 */
	Progress(PrintStream out, String what, int total, String unit) {
		this.out = out;
		this.what = what;
		this.total = total;
		this.unit = unit;
	}

	/** One more unit done. */
	void step() {
		step(1, "");
	}

	/**
	 * @param units units done since the last call
	 * @param detail appended to the line, e.g. {@code "5,120 chunks"}; may be empty
	 */
	void step(int units, String detail) {
		this.done += units;
		long now = System.nanoTime();
		if (now - this.lastPrinted >= INTERVAL_NANOS) {
			this.lastPrinted = now;
			this.printed = this.done;
			this.out.println(line(now, detail));
		}
	}

	/** The closing line. */
	void done() {
		done("");
	}

	/** @param detail appended to the line */
	void done(String detail) {
		// The last step may have printed this very line already.
		if (this.done != this.printed) {
			this.out.println(line(System.nanoTime(), detail));
		}
	}

	String line(long now, String detail) {
		double seconds = Math.max((now - this.start) / 1e9, 1e-9);
		double rate = this.done / seconds;
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d/%,d %s (%.0f%%)", this.what,
				this.done, this.total, this.unit, (this.total == 0) ? 100.0 : 100.0 * this.done / this.total));
		if (!detail.isEmpty()) {
			line.append(", ").append(detail);
		}
		line.append(String.format(Locale.ROOT, ", %.1f %s/s, %s elapsed", rate, this.unit, duration(seconds)));
		if (this.done < this.total && rate > 0) {
			line.append(", ETA ").append(duration((this.total - this.done) / rate));
		}
		return line.toString();
	}

	static String duration(double seconds) {
		long s = Math.round(seconds);
		return (s >= 60) ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
	}

}
