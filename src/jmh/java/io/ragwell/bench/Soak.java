package io.ragwell.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * The soak load and sampler behind {@code bench/soak}: sends a fixed rate of requests (ingest, re-ingest,
 * delete, query, search) spread over the replicas it is given, and every 10 s samples each replica's RSS,
 * heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), open file descriptors and threads.
 * Writes {@code soak.csv}, {@code soak.md} (first, middle and last samples, slope per hour) and {@code soak.png}
 * (one panel per series, a line per replica: a leak shows as a slope).
 *
 * <pre>
 * java -cp … io.ragwell.bench.Soak --out DIR --seconds 1800 --rate 6 name=port=pid …
 * </pre>
 */
public final class Soak {

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

	private static final String[] SERIES = { "rss_mb", "heap_after_gc_mb", "open_files", "threads" };

	private Soak() {
	}

	record Replica(String name, int port, long pid) {
	}

	record Sample(double seconds, String replica, double rssMb, double heapMb, int openFiles, int threads, long ok,
			long errors) {
	}

	public static void main(String[] args) throws Exception {
		Path out = Path.of("target/soak");
		long seconds = 1800;
		double rate = 6;
		List<Replica> replicas = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--out" -> out = Path.of(args[++i]);
				case "--seconds" -> seconds = Long.parseLong(args[++i]);
				case "--rate" -> rate = Double.parseDouble(args[++i]);
				default -> {
					String[] parts = args[i].split("=");
					replicas.add(new Replica(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
				}
			}
		}
		Files.createDirectories(out);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Map<String, AtomicLong> ok = new ConcurrentHashMap<>();
		Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
		Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
		for (Replica replica : replicas) {
			ok.put(replica.name(), new AtomicLong());
			errors.put(replica.name(), new AtomicLong());
		}
		List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
		long start = System.nanoTime();
		long end = start + Duration.ofSeconds(seconds).toNanos();
		long intervalNanos = (long) (1e9 / rate);
		Random random = new Random(20261201L);
		AtomicLong sent = new AtomicLong();
		Path csv = out.resolve("soak.csv");
		// The sampler runs on its own thread: jcmd starts a JVM per call, which on a busy machine takes seconds,
		// and the load must keep its rate meanwhile.
		Thread sampler = Thread.ofPlatform().daemon().name("soak-sampler").start(() -> {
			long nextSample = start;
			while (System.nanoTime() < end) {
				double at = (System.nanoTime() - start) / 1e9;
				for (Replica replica : replicas) {
					samples.add(sample(at, replica, ok.get(replica.name()).get(), errors.get(replica.name()).get()));
				}
				System.out.printf(Locale.ROOT, "%6.0f s  sent %d  %s  load %s%n", at, sent.get(), statuses, loadAverage());
				try {
					synchronized (samples) {
						writeCsv(csv, samples);
					}
					nextSample += SAMPLE_EVERY.toNanos();
					Thread.sleep(Math.max(0, nextSample - System.nanoTime()) / 1_000_000);
				}
				catch (IOException ex) {
					System.out.println("could not write " + csv + ": " + ex.getMessage());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		long nextRequest = start;
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			while (System.nanoTime() < end) {
				// Fixed rate, open loop: a slow replica does not slow the load down.
				Replica replica = replicas.get((int) (sent.get() % replicas.size()));
				int kind = random.nextInt(100);
				int document = random.nextInt(300);
				int variant = random.nextInt(4);
				senders.submit(() -> {
					int status = send(http, replica, kind, document, variant);
					statuses.computeIfAbsent(Integer.toString(status), s -> new AtomicLong()).incrementAndGet();
					(status >= 200 && status < 300 || status == 404 ? ok : errors).get(replica.name()).incrementAndGet();
				});
				sent.incrementAndGet();
				nextRequest += intervalNanos;
				Thread.sleep(Math.max(0, nextRequest - System.nanoTime()) / 1_000_000);
			}
		}
		sampler.join();
		List<Sample> all;
		synchronized (samples) {
			all = new ArrayList<>(samples);
		}
		writeCsv(out.resolve("soak.csv"), all);
		writeMarkdown(out.resolve("soak.md"), all, replicas, statuses, sent.get(), seconds, rate);
		plot(out.resolve("soak.png"), all, replicas);
		System.out.println("wrote " + out.resolve("soak.csv") + ", soak.md and soak.png; statuses " + statuses);
	}

	private static final String[] WORDS = { "glacier", "basalt", "tardigrade", "lichen", "pumice", "fjord", "coral",
			"monsoon", "aurora", "moraine", "geyser", "delta" };

	/** One request: 35 % ingest (re-ingests of 300 ids), 10 % delete, 25 % query, 30 % search. */
	private static int send(HttpClient http, Replica replica, int kind, int document, int variant) {
		String base = "http://127.0.0.1:" + replica.port();
		String word = WORDS[document % WORDS.length];
		try {
			HttpRequest.Builder request;
			if (kind < 35) {
				StringBuilder content = new StringBuilder();
				for (int i = 0; i <= variant; i++) {
					content.append("Soak document ").append(document).append(" about the ").append(word)
						.append(", revision ").append(variant).append(": a paragraph long enough to be a chunk of its own,")
						.append(" written again and again so that updates replace chunks. ");
				}
				String body = "{\"id\":\"soak-" + document + "\",\"content\":\"" + content + "\",\"metadata\":{\"word\":\""
						+ word + "\"}}";
				request = HttpRequest.newBuilder(URI.create(base + "/documents"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body));
			}
			else if (kind < 45) {
				request = HttpRequest.newBuilder(URI.create(base + "/documents/soak-" + document)).DELETE();
			}
			else {
				String path = (kind < 70) ? "/query" : "/search";
				String body = "{\"query\":\"what about the " + word + " " + (variant == 0 ? document : "") + "\"}";
				request = HttpRequest.newBuilder(URI.create(base + path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body));
			}
			return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -2;
		}
	}

	private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");

	/**
	 * A used figure of {@code GC.heap_info}, whatever the collector: G1 on JDK 25 prints one line ("garbage-first
	 * heap   total reserved 524288K, committed 65536K, used 41234K [..."), Serial and Parallel one per generation
	 * ("def new generation   total 4928K, used 3186K", "PSYoungGen total ..., used ..."), which are summed. The
	 * metaspace lines ("Metaspace       used 1234K, committed ...") have no "total" and are not heap.
	 */
	private static final Pattern HEAP_USED = Pattern.compile("(?m)^.*\\btotal\\b[^\\n]*?\\bused (\\d+)K");

	/** ZGC: " ZHeap           used 12M, capacity 64M, max capacity 512M". */
	private static final Pattern ZHEAP_USED = Pattern.compile("ZHeap\\s+used (\\d+)M");

	/** Whether an unreadable {@code GC.heap_info} has been reported (once, not every 10 s). */
	private static volatile boolean heapFormatReported;

	/** The heap in use in MB as {@code GC.heap_info} reports it, or NaN when the output has no figure. */
	static double heapUsedMb(String heapInfo) {
		Matcher z = ZHEAP_USED.matcher(heapInfo);
		if (z.find()) {
			return Long.parseLong(z.group(1));
		}
		Matcher used = HEAP_USED.matcher(heapInfo);
		long kilobytes = 0;
		boolean found = false;
		while (used.find()) {
			kilobytes += Long.parseLong(used.group(1));
			found = true;
		}
		return found ? kilobytes / 1024.0 : Double.NaN;
	}

	private static Sample sample(double at, Replica replica, long ok, long errors) {
		double rss = Double.NaN;
		int threads = -1;
		int files = -1;
		double heap = Double.NaN;
		try {
			String status = Files.readString(Path.of("/proc", Long.toString(replica.pid()), "status"));
			Matcher m = RSS.matcher(status);
			if (m.find()) {
				rss = Long.parseLong(m.group(1)) / 1024.0;
			}
			m = THREADS.matcher(status);
			if (m.find()) {
				threads = Integer.parseInt(m.group(1));
			}
			try (var fds = Files.list(Path.of("/proc", Long.toString(replica.pid()), "fd"))) {
				files = (int) fds.count();
			}
			jcmd(replica.pid(), "GC.run");
			String heapInfo = jcmd(replica.pid(), "GC.heap_info");
			heap = heapUsedMb(heapInfo);
			if (Double.isNaN(heap) && !heapFormatReported) {
				heapFormatReported = true;
				System.out.println("GC.heap_info of " + replica.name() + " has no used figure: "
						+ heapInfo.strip().replace('\n', ' '));
			}
		}
		catch (IOException ex) {
			System.out.println("sample of " + replica.name() + " failed: " + ex.getMessage());
		}
		return new Sample(at, replica.name(), rss, heap, files, threads, ok, errors);
	}

	private static String jcmd(long pid, String command) throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return output;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static void writeCsv(Path file, List<Sample> samples) throws IOException {
		StringBuilder csv = new StringBuilder("seconds,replica,rss_mb,heap_after_gc_mb,open_files,threads,ok,errors\n");
		for (Sample s : samples) {
			csv.append(String.format(Locale.ROOT, "%.0f,%s,%.1f,%.1f,%d,%d,%d,%d%n", s.seconds(), s.replica(), s.rssMb(),
					s.heapMb(), s.openFiles(), s.threads(), s.ok(), s.errors()));
		}
		Files.writeString(file, csv);
	}

	private static double value(Sample s, int series) {
		return switch (series) {
			case 0 -> s.rssMb();
			case 1 -> s.heapMb();
			case 2 -> s.openFiles();
			default -> s.threads();
		};
	}

	/** Least-squares slope of one series of one replica, per hour, over the second half of the run. */
	private static double slopePerHour(List<Sample> samples, String replica, int series) {
		double last = samples.stream().mapToDouble(Sample::seconds).max().orElse(0);
		List<Sample> mine = samples.stream()
			.filter(s -> s.replica().equals(replica) && s.seconds() >= last / 2 && !Double.isNaN(value(s, series)))
			.toList();
		if (mine.size() < 3) {
			return Double.NaN;
		}
		double mx = mine.stream().mapToDouble(Sample::seconds).average().orElse(0);
		double my = mine.stream().mapToDouble(s -> value(s, series)).average().orElse(0);
		double num = 0;
		double den = 0;
		for (Sample s : mine) {
			num += (s.seconds() - mx) * (value(s, series) - my);
			den += (s.seconds() - mx) * (s.seconds() - mx);
		}
		return (den == 0) ? Double.NaN : num / den * 3600;
	}

	private static void writeMarkdown(Path file, List<Sample> samples, List<Replica> replicas,
			Map<String, AtomicLong> statuses, long sent, long seconds, double rate) throws IOException {
		StringBuilder md = new StringBuilder();
		md.append(String.format(Locale.ROOT, "%d s at %.1f requests/s (%d sent), statuses %s, load average at end %s%n%n",
				seconds, rate, sent, new TreeMap<>(statuses), loadAverage()));
		md.append("| replica | t (s) | RSS (MB) | heap after GC (MB) | open files | threads | ok | errors |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Replica replica : replicas) {
			List<Sample> mine = samples.stream().filter(s -> s.replica().equals(replica.name())).toList();
			if (mine.isEmpty()) {
				continue;
			}
			for (Sample s : List.of(mine.getFirst(), mine.get(mine.size() / 4), mine.get(mine.size() / 2),
					mine.get(3 * mine.size() / 4), mine.getLast())) {
				md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %d | %d | %d | %d |%n", s.replica(),
						s.seconds(), s.rssMb(), s.heapMb(), s.openFiles(), s.threads(), s.ok(), s.errors()));
			}
		}
		md.append("\nSlope over the second half of the run, per hour:\n\n| replica | RSS (MB/h) | heap after GC (MB/h) |"
				+ " open files (/h) | threads (/h) |\n|---|---:|---:|---:|---:|\n");
		for (Replica replica : replicas) {
			md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", replica.name(),
					slopePerHour(samples, replica.name(), 0), slopePerHour(samples, replica.name(), 1),
					slopePerHour(samples, replica.name(), 2), slopePerHour(samples, replica.name(), 3)));
		}
		Files.writeString(file, md);
	}

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0x9467bd) };

	/** Four panels (RSS, heap after GC, open files, threads) over time, a line per replica. */
	private static void plot(Path file, List<Sample> samples, List<Replica> replicas) throws IOException {
		System.setProperty("java.awt.headless", "true");
		int width = 1200;
		int panelHeight = 260;
		BufferedImage image = new BufferedImage(width, panelHeight * SERIES.length + 40, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		double maxT = Math.max(1, samples.stream().mapToDouble(Sample::seconds).max().orElse(1));
		for (int series = 0; series < SERIES.length; series++) {
			int top = series * panelHeight + 30;
			int left = 80;
			int right = width - 20;
			int bottom = top + panelHeight - 50;
			int index = series;
			double max = samples.stream().mapToDouble(s -> value(s, index)).filter(v -> !Double.isNaN(v)).max().orElse(1);
			max = (max <= 0) ? 1 : max * 1.1;
			g.setColor(Color.BLACK);
			g.drawString(SERIES[series], left, top - 8);
			g.drawRect(left, top, right - left, bottom - top);
			for (int tick = 0; tick <= 4; tick++) {
				int y = bottom - (bottom - top) * tick / 4;
				g.setColor(new Color(0xdddddd));
				g.drawLine(left + 1, y, right - 1, y);
				g.setColor(Color.DARK_GRAY);
				g.drawString(String.format(Locale.ROOT, "%.0f", max * tick / 4), 10, y + 4);
			}
			for (int tick = 0; tick <= 6; tick++) {
				int x = left + (right - left) * tick / 6;
				g.drawString(String.format(Locale.ROOT, "%.0f min", maxT * tick / 6 / 60), x - 15, bottom + 16);
			}
			for (int r = 0; r < replicas.size(); r++) {
				String name = replicas.get(r).name();
				g.setColor(COLORS[r % COLORS.length]);
				g.setStroke(new BasicStroke(2f));
				int previousX = -1;
				int previousY = -1;
				for (Sample s : samples) {
					if (!s.replica().equals(name) || Double.isNaN(value(s, series)) || value(s, series) < 0) {
						continue;
					}
					int x = left + (int) ((right - left) * s.seconds() / maxT);
					int y = bottom - (int) ((bottom - top) * value(s, series) / max);
					if (previousX >= 0) {
						g.drawLine(previousX, previousY, x, y);
					}
					previousX = x;
					previousY = y;
				}
				if (series == 0) {
					g.drawString(name, right - 260 + 90 * r, top - 8);
				}
			}
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

}
