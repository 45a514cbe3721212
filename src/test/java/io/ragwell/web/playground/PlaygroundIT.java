package io.ragwell.web.playground;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.ragwell.support.KeyedIntegrationTest;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium): load the page without a key, enter one, ask with the keyboard, watch the answer stream in from
 * {@code /query/stream}, open a citation's source, delete a document from the list, and try an upload; document
 * text with markup shows as text; the page fits a phone's width; the browser console stays free of errors. A
 * screenshot goes to {@code target/playground.png}. Skipped without Chromium, failed under {@code CI=true}.
 */
@KeyedIntegrationTest
class PlaygroundIT {

	private static final String KEY = KeyedIntegrationTest.PLAYGROUND;

	private static final String PENGUINS = "Emperor penguins breed during the Antarctic winter. Males huddle "
			+ "together to keep the eggs warm.";

	private static final String MARKUP = "Gremlins must never eat after midnight. <img src=x "
			+ "onerror=\"document.title='pwned'\"><script>document.title='pwned'</script> Gremlins hate bright light.";

	@LocalServerPort
	int port;

	@TempDir
	Path temp;

	private ChromeDriver browser;

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	private RagwellHttp.Response rest(String method, String path, Object body, boolean withKey) {
		Map<String, String> headers = new HashMap<>();
		if (withKey) {
			headers.put("Authorization", "Bearer " + KEY);
		}
		String text = null;
		if (body != null) {
			headers.put("Content-Type", "application/json");
			text = RagwellHttp.JSON.writeValueAsString(body);
		}
		return new RagwellHttp(this.port).send(method, path, text, headers);
	}

	@Test
	void askStreamsAnAnswerWhoseCitationsOpenTheirSources() throws Exception {
		assertThat(rest("POST", "/documents", Map.of("documents",
				List.of(Map.of("id", "penguins", "content", PENGUINS, "source", "notes/penguins.md"),
						Map.of("id", "rivers", "content", "Rivers carry sediment from the mountains to the sea."),
						Map.of("id", "volcanoes", "content", "Volcanoes release water vapour and carbon dioxide."))),
				true).status()).isEqualTo(200);
		// Only the page is open without a key, with its policy; the API behind it is not.
		RagwellHttp.Response page = rest("GET", "/", null, false);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "default-src 'none'");
		assertThat(rest("GET", "/playground.js", null, false).status()).isEqualTo(200);
		assertThat(rest("GET", "/documents", null, false).status()).isEqualTo(401);

		this.browser = chromium();
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(60));
		this.browser.get("http://localhost:" + this.port + "/");
		this.browser.findElement(By.id("api-key")).sendKeys(KEY, Keys.ENTER);
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("documents"), "penguins"));
		assertThat(this.browser.findElement(By.id("documents")).getText()).contains("rivers", "volcanoes");

		WebElement question = this.browser.findElement(By.id("question"));
		question.sendKeys("How do penguins keep their eggs warm?");
		question.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
		wait.until(ExpectedConditions.attributeToBe(By.id("answer-meta"), "data-done", "true"));
		String answer = this.browser.findElement(By.id("answer")).getText();
		assertThat(answer).contains("eggs warm", "[1]");
		assertThat(this.browser.findElement(By.id("answer-meta")).getText()).contains("extractive");
		// The answer came over the stream endpoint.
		Object streamed = ((JavascriptExecutor) this.browser).executeScript(
				"return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/query/stream')).length");
		assertThat(((Number) streamed).intValue()).isEqualTo(1);

		this.browser.findElement(By.cssSelector("#answer button.cite")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("source")));
		assertThat(this.browser.findElement(By.id("source-document")).getText()).isEqualTo("penguins");
		assertThat(this.browser.findElement(By.id("source-chunk")).getText()).isEqualTo("penguins#0");
		assertThat(this.browser.findElement(By.id("source-score")).getText()).matches("\\d\\.\\d{4}.*");
		assertThat(this.browser.findElement(By.id("source-text")).getText()).isEqualTo(PENGUINS);
		Path screenshot = Path.of("target", "playground.png");
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
		assertThat(errors(consoleEntries())).as("browser console errors").isEmpty();

		// Markup in a document is text, never elements: nothing ran, nothing was inserted.
		assertThat(rest("POST", "/documents", Map.of("id", "gremlins", "content", MARKUP), true).status()).isEqualTo(200);
		this.browser.findElement(By.cssSelector("input[name=mode][value=sparse]")).click();
		question.clear();
		question.sendKeys("What must gremlins never do after midnight?");
		this.browser.findElement(By.id("ask")).click();
		wait.until(ExpectedConditions.attributeToBe(By.id("answer-meta"), "data-done", "true"));
		assertThat(this.browser.findElement(By.id("answer")).getText()).contains("<img src=x");
		this.browser.findElement(By.cssSelector("#sources li button")).click();
		wait.until(ExpectedConditions.textToBe(By.id("source-document"), "gremlins"));
		assertThat(this.browser.findElement(By.id("source-text")).getText()).isEqualTo(MARKUP);
		assertThat(this.browser.findElements(By.cssSelector("#source-text *, #answer img, #answer script"))).isEmpty();
		assertThat(this.browser.getTitle()).isEqualTo("Ragwell playground");
		assertThat(errors(consoleEntries())).as("browser console errors").isEmpty();

		// Delete from the list, in two steps.
		WebElement delete = this.browser.findElement(By.cssSelector("button[aria-label='Delete rivers']"));
		delete.click();
		assertThat(delete.getText()).isEqualTo("Confirm delete");
		delete.click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("docs-status"), "rivers deleted"));
		assertThat(rest("GET", "/documents/rivers", null, true).status()).isEqualTo(404);

		// A phone's width: nothing wider than the screen.
		this.browser.manage().window().setSize(new Dimension(390, 844));
		Object overflow = ((JavascriptExecutor) this.browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		Files.write(Path.of("target", "playground-phone.png"),
				((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
		assertThat(errors(consoleEntries())).as("browser console errors").isEmpty();

		// An upload: a text file is ingested, and the page says which file became which document.
		Path file = Files.writeString(this.temp.resolve("tardigrades.txt"), "Tardigrades survive drying out.");
		this.browser.findElement(By.id("files")).sendKeys(file.toString());
		this.browser.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
		wait.until(driver -> !driver.findElement(By.id("upload-status")).getText().startsWith("Uploading"));
		String uploaded = this.browser.findElement(By.id("upload-status")).getText();
		assertThat(uploaded).matches("tardigrades\\.txt → [0-9a-f-]{36}: created \\(1 chunks\\)");
		assertThat(errors(consoleEntries())).as("browser console errors").isEmpty();
	}

	private List<LogEntry> consoleEntries() {
		return this.browser.manage().logs().get(LogType.BROWSER).getAll();
	}

	private static List<String> errors(List<LogEntry> entries) {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : entries) {
			if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
				errors.add(entry.getLevel() + " " + entry.getMessage());
			}
		}
		return errors;
	}

	/** Debian's Chromium and its driver; never Selenium Manager (it would download a browser). */
	private static ChromeDriver chromium() {
		Path binary = Path.of("/usr/bin/chromium");
		Path driver = Path.of("/usr/bin/chromedriver");
		if (!Files.isExecutable(binary) || !Files.isExecutable(driver)) {
			String message = "no Chromium (apt-get install chromium chromium-driver)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + "; .ci/run installs it, so under CI=true this is a failure");
			}
			Assumptions.abort(message);
		}
		ChromeOptions options = new ChromeOptions().setBinary(binary.toFile())
			// Root in a container: Chromium's sandbox cannot start there.
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1280,1500", "--lang=en-US");
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
