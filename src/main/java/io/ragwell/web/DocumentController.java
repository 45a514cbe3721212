package io.ragwell.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.AssetStore;
import io.ragwell.core.DocumentPage;
import io.ragwell.core.DocumentTooLargeException;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.NotFoundException;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.DocumentView;
import io.ragwell.ingest.FileInput;
import io.ragwell.ingest.Idempotency;
import io.ragwell.ingest.IngestResult;
import io.ragwell.ingest.IngestService;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class DocumentController {

	private final IngestService ingestService;

	private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
	};

	private final Namespaces namespaces;

	private final Idempotency idempotency;

	private final AssetStore assets;

	private final LimitsProperties limits;

	private final JsonMapper json;

	DocumentController(IngestService ingestService, Namespaces namespaces, Idempotency idempotency, AssetStore assets,
			LimitsProperties limits, JsonMapper json) {
		this.ingestService = ingestService;
		this.namespaces = namespaces;
		this.idempotency = idempotency;
		this.assets = assets;
		this.limits = limits;
		this.json = json;
	}

	/**
	 * Files as multipart/form-data: {@code file} parts, and optional {@code id} (one file only), {@code source}
	 * and {@code metadata} (a JSON object) for all of them. Each part is streamed to a temporary file (Tomcat keeps
	 * only small parts in memory) and deleted when the request ends.
	 */
	@RequiredScope(Scope.WRITE)
	@PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, List<IngestResult>> upload(@RequestParam(name = "file", required = false) @Nullable List<MultipartFile> files,
			@RequestParam(name = "id", required = false) @Nullable String id,
			@RequestParam(name = "source", required = false) @Nullable String source,
			@RequestParam(name = "metadata", required = false) @Nullable String metadata) {
		if (files == null || files.isEmpty()) {
			throw new InvalidRequestException("invalid-request", "file", "send the file in a part named 'file'");
		}
		if (id != null && files.size() > 1) {
			throw new InvalidRequestException("invalid-request", "id",
					"'id' names one document: send one file with it, or leave it out for generated ids");
		}
		Map<String, Object> parsedMetadata = parseMetadata(metadata);
		List<Path> temporary = new ArrayList<>();
		try {
			List<FileInput> inputs = new ArrayList<>(files.size());
			for (MultipartFile file : files) {
				Path path = Files.createTempFile("ragwell-upload-", ".part");
				temporary.add(path);
				try (InputStream in = file.getInputStream()) {
					copy(in, path);
				}
				inputs.add(new FileInput(id, source, parsedMetadata, file.getOriginalFilename(), file.getContentType(),
						path));
			}
			return Map.of("documents", this.ingestService.ingestFiles(this.namespaces.current(), inputs));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			temporary.forEach(DocumentController::deleteQuietly);
		}
	}

	/**
	 * One file as the raw body, its type in Content-Type, its name (optional) in Content-Disposition's
	 * {@code filename}; {@code ?source=} optional. Creates or replaces document {@code id}.
	 */
	@RequiredScope(Scope.WRITE)
	@PutMapping(path = "/documents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, List<IngestResult>> put(@PathVariable String id,
			@RequestParam(name = "source", required = false) @Nullable String source, HttpServletRequest request) {
		String filename = null;
		String disposition = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
		if (disposition != null) {
			try {
				filename = ContentDisposition.parse(disposition).getFilename();
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("invalid-request", "Content-Disposition",
						"Content-Disposition must look like: attachment; filename=\"report.pdf\"");
			}
		}
		Path path = null;
		try {
			path = Files.createTempFile("ragwell-upload-", ".part");
			try (InputStream in = request.getInputStream()) {
				copy(in, path);
			}
			FileInput input = new FileInput(id, source, null, filename, request.getContentType(), path);
			return Map.of("documents", List.of(this.ingestService.ingestFile(this.namespaces.current(), input)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (path != null) {
				deleteQuietly(path);
			}
		}
	}

	/** Image {@code n} (from 1) that document {@code id} was read from: the asset_url of its image chunks. */
	@RequiredScope(Scope.READ)
	@GetMapping("/documents/{id}/assets/{n}")
	ResponseEntity<InputStreamResource> asset(@PathVariable String id, @PathVariable int n) throws IOException {
		AssetStore.Asset asset = this.assets.find(this.namespaces.current(), id, n)
			.orElseThrow(() -> new NotFoundException("document '" + id + "' has no asset " + n));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(asset.contentType()))
			.contentLength(asset.size())
			// An uploaded image is served back as an image, never sniffed into something a browser would run.
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
			.body(new InputStreamResource(asset.content().open()));
	}

	private Map<String, Object> parseMetadata(@Nullable String metadata) {
		if (metadata == null || metadata.isBlank()) {
			return Map.of();
		}
		try {
			Map<String, Object> parsed = this.json.readValue(metadata, METADATA);
			return (parsed != null) ? parsed : Map.of();
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("invalid-request", "metadata", "'metadata' must be a JSON object");
		}
	}

	/** Copies at most {@code ragwell.limits.max-file-bytes}, then refuses with 413 (a PUT body has no part limit). */
	private void copy(InputStream in, Path target) throws IOException {
		long limit = this.limits.maxFileBytes().toBytes();
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try (OutputStream out = Files.newOutputStream(target)) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				total += n;
				if (total > limit) {
					throw new DocumentTooLargeException("the file is larger than " + limit
							+ " bytes (ragwell.limits.max-file-bytes)");
				}
				out.write(buffer, 0, n);
			}
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// The temporary directory is the operating system's to clean; nothing else refers to this file.
		}
	}

	/**
	 * With an {@code Idempotency-Key} header, a retry of the same request (same key, same body, same caller)
	 * returns the first response, marked {@code Idempotent-Replayed: true}, instead of writing again.
	 */
	@RequiredScope(Scope.WRITE)
	@PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> ingest(@RequestBody DocumentInput input,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
			@Nullable Principal caller) {
		String namespace = this.namespaces.current();
		if (idempotencyKey == null) {
			return ResponseEntity.ok(Map.of("documents", this.ingestService.ingest(namespace, input)));
		}
		// Scoped by tenant namespace and API key: one caller's keys are invisible to every other.
		String scope = namespace + '\u0000' + ((caller != null) ? caller.getName() : "");
		Idempotency.Outcome<Map<String, List<IngestResult>>> outcome = this.idempotency.run(scope, idempotencyKey,
				input, () -> Map.of("documents",
						this.ingestService.ingest(namespace, input, Idempotency.idSeed(scope, idempotencyKey))));
		if (outcome.replayed() != null) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.header(REPLAYED, "true")
				.body(outcome.replayed());
		}
		return ResponseEntity.ok(outcome.value());
	}

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	/** The namespace's documents, a page at a time in id order: {@code next} is the {@code after} of the next page. */
	@RequiredScope(Scope.READ)
	@GetMapping(path = "/documents", produces = MediaType.APPLICATION_JSON_VALUE)
	DocumentPage list(@RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "20") int limit) {
		return this.ingestService.list(this.namespaces.current(), after, limit);
	}

	@RequiredScope(Scope.READ)
	@GetMapping(path = "/documents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	DocumentView get(@PathVariable String id) {
		return this.ingestService.get(this.namespaces.current(), id);
	}

	@RequiredScope(Scope.WRITE)
	@DeleteMapping("/documents/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.ingestService.delete(this.namespaces.current(), id);
		return ResponseEntity.noContent().build();
	}

}
