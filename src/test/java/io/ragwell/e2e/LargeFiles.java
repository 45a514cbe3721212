package io.ragwell.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

import io.ragwell.RagwellApplication;
import io.ragwell.ingest.files.TestFiles;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * {@code bench/large-file}: the largest PDF the service ingests within its default limits. Starts the real
 * service (default {@code ragwell.*} settings, MiniLM, a bounded heap) in its own JVM, generates PDFs of growing
 * size (text pages of about 5,000 characters; then pages each carrying a large JPEG of noise, up to about 200 MB)
 * and uploads each with {@code POST /documents} (multipart, synchronous), recording size, pages, outcome, time and
 * the service's peak resident memory while it worked. Fails (exit 1) when the service dies or logs an
 * OutOfMemoryError. Prints one line per file and a summary; not a test (nothing here is timed in the build).
 */
public final class LargeFiles {

	private static final String WORDS = "glacier basalt harbour enzyme orbit lichen quartz tundra pollen plasma cobalt"
			+ " delta falcon meadow nebula river";

	private LargeFiles() {
	}

	/** One file to try: its name, how to make it, and its page count. */
	record Case(String name, int pages, int images) {
	}

	public static void main(String[] args) throws Exception {
		String heap = (args.length > 0) ? args[0] : "1g";
		Path dir = Files.createTempDirectory("ragwell-large-file");
		// The quick verdicts first (refused by size, by text), then the files that are embedded, growing.
		List<String> names = (args.length > 1) ? List.of(args).subList(1, args.length)
				: List.of("images:70", "text:450", "images:20", "images:5", "text:10", "text:100", "text:300",
						"text:390");
		List<Case> cases = names.stream().map(name -> {
			String[] parts = name.split(":");
			int pages = Integer.parseInt(parts[1]);
			return new Case(parts[0], pages, parts[0].equals("images") ? pages : 0);
		}).toList();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = dir.resolve("server.log");
		String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process server = new ProcessBuilder(javaBin, "-Xmx" + heap, "--add-modules", "jdk.incubator.vector", "-cp",
				System.getProperty("java.class.path"), RagwellApplication.class.getName(), "--server.port=" + port,
				"--ragwell.store.lucene.path=" + dir.resolve("index"), "--ragwell.jobs.path=" + dir.resolve("jobs"),
				"--ragwell.feedback.path=" + dir.resolve("feedback").resolve("feedback.jsonl"),
				"--ragwell.embedding.model=all-minilm-l6-v2-q", "--logging.structured.format.console=")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		int failures = 0;
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			awaitReady(http, port, server);
			System.out.printf(Locale.ROOT, "service -Xmx%s, default limits; load %s%n", heap, load());
			System.out.println("file                  bytes   pages  status  seconds  peak RSS MB  detail");
			long largestIngested = 0;
			for (Case c : cases) {
				Path pdf = dir.resolve(c.name() + "-" + c.pages() + ".pdf");
				write(c, pdf);
				long size = Files.size(pdf);
				AtomicLong peak = new AtomicLong();
				Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleRss(server.pid(), peak));
				long started = System.nanoTime();
				HttpResponse<String> response = upload(http, port, pdf);
				double seconds = (System.nanoTime() - started) / 1e9;
				sampler.interrupt();
				sampler.join();
				String body = response.body().replaceAll("\\s+", " ");
				String detail = (response.statusCode() == 200) ? "chunks " + chunks(body)
						: body.substring(0, Math.min(160, body.length()));
				System.out.printf(Locale.ROOT, "%-14s %12d %7d  %6d  %7.1f  %11d  %s%n", pdf.getFileName(), size,
						c.pages(), response.statusCode(), seconds, peak.get() / 1024, detail);
				if (response.statusCode() == 200) {
					largestIngested = Math.max(largestIngested, size);
				}
				Files.delete(pdf);
				if (!server.isAlive()) {
					System.out.println("the service died");
					failures++;
					break;
				}
			}
			boolean oom = Files.readString(log).contains("OutOfMemoryError");
			if (oom) {
				failures++;
			}
			System.out.printf(Locale.ROOT,
					"large-file: largest ingested %.1f MB; service peak RSS (VmHWM) %d MB; OutOfMemoryError %s; load %s%n",
					largestIngested / 1e6, hwm(server.pid()) / 1024, oom ? "LOGGED" : "none", load());
		}
		finally {
			server.destroyForcibly();
			server.waitFor();
		}
		if (failures > 0) {
			System.out.println("large-file FAILED (log kept in " + log + ")");
			System.exit(1);
		}
		try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		System.exit(0);
	}

	/** A PDF of {@code c.pages()} text pages; with images, each page also carries a 2400×2400 JPEG of noise. */
	private static void write(Case c, Path target) throws IOException {
		Random random = new Random(c.pages());
		if (c.images() == 0) {
			List<String> pages = new ArrayList<>();
			for (int p = 0; p < c.pages(); p++) {
				pages.add(text(random, 5_000));
			}
			Files.write(target, TestFiles.pdf(pages));
			return;
		}
		byte[] jpeg = noiseJpeg(random);
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (int p = 0; p < c.pages(); p++) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				// A separate image object per page: a real scan's pages are all different.
				PDImageXObject image = JPEGFactory.createFromByteArray(document, jpeg);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 10);
					content.newLineAtOffset(40, 800);
					content.showText("Page " + (p + 1) + ": " + text(random, 80));
					content.endText();
					content.drawImage(image, 40, 100, 500, 500);
				}
			}
			document.save(target.toFile());
		}
	}

	private static byte[] noiseJpeg(Random random) throws IOException {
		BufferedImage image = new BufferedImage(2400, 2400, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", out);
		return out.toByteArray();
	}

	private static String text(Random random, int chars) {
		String[] words = WORDS.split(" ");
		StringBuilder text = new StringBuilder(chars + 16);
		while (text.length() < chars) {
			text.append(words[random.nextInt(words.length)]).append((random.nextInt(12) == 0) ? ". " : " ");
		}
		return text.toString();
	}

	private static HttpResponse<String> upload(HttpClient http, int port, Path pdf)
			throws IOException, InterruptedException {
		String boundary = "large-file-" + System.nanoTime();
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ pdf.getFileName() + "\"\r\nContent-Type: application/pdf\r\n\r\n";
		String tail = "\r\n--" + boundary + "--\r\n";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/documents"))
			.timeout(Duration.ofMinutes(30))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			// The service refuses an oversized body by its length, before reading it: with 100-continue its 413 is
			// read instead of a broken pipe.
			.expectContinue(true)
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
					HttpRequest.BodyPublishers.ofFile(pdf), HttpRequest.BodyPublishers.ofString(tail)))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			// The service may answer 413 and close before the body is sent: ask what it said.
			throw new IOException("upload of " + pdf.getFileName() + " failed: " + ex, ex);
		}
	}

	private static String chunks(String body) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"chunks\":(\\d+)").matcher(body);
		return matcher.find() ? matcher.group(1) : "?";
	}

	private static void awaitReady(HttpClient http, int port, Process server) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the service exited during startup");
			}
			try {
				HttpResponse<String> ready = http.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the service was not ready in 5 minutes");
	}

	/** Samples the process's resident set every 50 ms into {@code peak} (kB) until interrupted. */
	private static void sampleRss(long pid, AtomicLong peak) {
		while (!Thread.currentThread().isInterrupted()) {
			peak.accumulateAndGet(status(pid, "VmRSS:"), Math::max);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static long hwm(long pid) {
		return status(pid, "VmHWM:");
	}

	/** A kB value from /proc/PID/status, 0 when unreadable. */
	private static long status(long pid, String key) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(key)) {
					return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// The process ended.
		}
		return 0;
	}

	private static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

}
