package io.ragwell.web.playground;

import java.time.Duration;

import io.ragwell.web.security.NoKeyRequired;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the playground's three files by name. Boot's catch-all static resource mapping is off, so nothing else
 * in the jar is reachable without a key, whatever the path. The page may load script, style and data only from
 * this origin (no inline script, no external CDN), show images from blob URLs (pictures fetched with the key),
 * and may not be framed.
 */
// Not part of the API: kept out of the OpenAPI document.
@Hidden
// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
@RestController
class PlaygroundController {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
			+ "base-uri 'none'";

	private static final Resource PAGE = new ClassPathResource("static/playground.html");

	private static final Resource SCRIPT = new ClassPathResource("static/playground.js");

	private static final Resource STYLE = new ClassPathResource("static/playground.css");

	@NoKeyRequired
	@GetMapping(path = { "/", "/index.html" })
	ResponseEntity<Resource> page() {
		return file(PAGE, MediaType.TEXT_HTML);
	}

	@NoKeyRequired
	@GetMapping("/playground.js")
	ResponseEntity<Resource> script() {
		return file(SCRIPT, MediaType.valueOf("text/javascript"));
	}

	@NoKeyRequired
	@GetMapping("/playground.css")
	ResponseEntity<Resource> style() {
		return file(STYLE, MediaType.valueOf("text/css"));
	}

	private static ResponseEntity<Resource> file(Resource resource, MediaType type) {
		return ResponseEntity.ok()
			.contentType(new MediaType(type, java.nio.charset.StandardCharsets.UTF_8))
			// Revalidate after a minute: a new release's page must not run an old script for long.
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.body(resource);
	}

}
