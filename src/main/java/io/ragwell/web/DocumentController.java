package io.ragwell.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import io.ragwell.ingest.jobs.JobService;
import io.ragwell.ingest.jobs.JobView;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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

// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
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

	private final JobService jobService;

	DocumentController(IngestService ingestService, Namespaces namespaces, Idempotency idempotency, AssetStore assets,
			LimitsProperties limits, JsonMapper json, JobService jobService) {
		this.ingestService = ingestService;
		this.jobService = jobService;
		this.namespaces = namespaces;
		this.idempotency = idempotency;
		this.assets = assets;
		this.limits = limits;
		this.json = json;
	}

	/**
	 * Files as multipart/form-data: {@code file} parts, and optional {@code id} (one file only), {@code source}
	 * and {@code metadata} (a JSON object) for all of them. Each part is streamed to a temporary file (Tomcat keeps
	 * only small parts in memory) and deleted when the request ends. With {@code mode=async} the parts are copied
	 * into the job spool instead and a background job parses them; there one {@code id} part per file may name
	 * each document.
	 */
	@RequiredScope(Scope.WRITE)
	@PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> upload(@RequestParam(name = "file", required = false) @Nullable List<MultipartFile> files,
			@RequestParam(name = "id", required = false) @Nullable List<String> ids,
			@RequestParam(name = "source", required = false) @Nullable List<String> sources,
			@RequestParam(name = "metadata", required = false) @Nullable String metadata,
			@RequestParam(required = false) @Nullable String mode) {
		if (files == null || files.isEmpty()) {
			throw new InvalidRequestException("invalid-request", "file", "send the file in a part named 'file'");
		}
		boolean async = IngestMode.parse(mode) == IngestMode.ASYNC;
		if (ids != null && !ids.isEmpty() && ids.size() != files.size() && !(ids.size() == 1 && files.size() == 1)) {
			throw new InvalidRequestException("invalid-request", "id", async
					? "send one 'id' part per file, in the same order, or none for generated ids"
					: "'id' names one document: send one file with it, or leave it out for generated ids");
		}
		if (!async && ids != null && ids.size() > 1) {
			throw new InvalidRequestException("invalid-request", "id",
					"'id' names one document: send one file with it, or leave it out for generated ids");
		}
		if (sources != null && sources.size() > 1 && (!async || sources.size() != files.size())) {
			throw new InvalidRequestException("invalid-request", "source", async
					? "send one 'source' part for all files or one per file, in the same order"
					: "send one 'source' part");
		}
		String source = (sources != null && sources.size() == 1) ? sources.getFirst() : null;
		Map<String, Object> parsedMetadata = parseMetadata(metadata);
		if (async) {
			return accepted(submitFiles(files, ids, sources, parsedMetadata));
		}
		String id = (ids != null && !ids.isEmpty()) ? ids.getFirst() : null;
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
			return ResponseEntity.ok(Map.of("documents", this.ingestService.ingestFiles(this.namespaces.current(), inputs)));
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
	 * Spools the parts of an async upload. Every document's id is fixed now (a generated one too), so a job
	 * replayed after a crash replaces what it wrote instead of adding a copy. The files' sizes are checked against
	 * {@code max-file-bytes} together, as the synchronous upload does.
	 */
	private JobView submitFiles(List<MultipartFile> files, @Nullable List<String> ids, @Nullable List<String> sources,
			Map<String, Object> metadata) {
		long limit = this.limits.maxFileBytes().toBytes();
		long total = 0;
		List<JobService.FileUpload> uploads = new ArrayList<>(files.size());
		for (int i = 0; i < files.size(); i++) {
			MultipartFile file = files.get(i);
			total += file.getSize();
			if (total > limit) {
				throw new DocumentTooLargeException("the files are larger than " + limit
						+ " bytes together (ragwell.limits.max-file-bytes)");
			}
			String id = (ids != null && !ids.isEmpty()) ? ids.get(i) : UUID.randomUUID().toString();
			String source = (sources == null || sources.isEmpty()) ? null
					: (sources.size() == 1) ? sources.getFirst() : sources.get(i);
			String filename = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "";
			String contentType = (file.getContentType() != null) ? file.getContentType()
					: MediaType.APPLICATION_OCTET_STREAM_VALUE;
			uploads.add(new JobService.FileUpload(id, source, metadata, filename, contentType, file.getSize(),
					file::getInputStream));
		}
		return this.jobService.submitFiles(this.namespaces.current(), uploads);
	}

	/**
	 * {@code mode=sync} (the default) answers once the documents are searchable; {@code mode=async} answers 202
	 * once they are on disk, and a background job ingests them ({@code Location: /jobs/{id}}). With an
	 * {@code Idempotency-Key} header, a retry of the same request (same key, same body, same mode, same caller)
	 * returns the first response, marked {@code Idempotent-Replayed: true}, instead of writing again (or
	 * accepting a second job).
	 */
	@RequiredScope(Scope.WRITE)
	@PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> ingest(@RequestBody DocumentInput input, @RequestParam(required = false) @Nullable String mode,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
			@Nullable Principal caller) {
		String namespace = this.namespaces.current();
		boolean async = IngestMode.parse(mode) == IngestMode.ASYNC;
		if (idempotencyKey == null) {
			return async ? accepted(this.jobService.submit(namespace, input))
					: ResponseEntity.ok(Map.of("documents", this.ingestService.ingest(namespace, input)));
		}
		// Scoped by tenant namespace and API key: one caller's keys are invisible to every other.
		String scope = namespace + '\u0000' + ((caller != null) ? caller.getName() : "");
		if (async) {
			// The mode is part of the fingerprint: the same key sent once sync and once async is a conflict.
			Idempotency.Outcome<Map<String, String>> outcome = this.idempotency.run(scope, idempotencyKey,
					List.of("async", input), () -> accepted(this.jobService.submit(namespace, input)).getBody());
			Map<String, String> body = (outcome.value() != null) ? outcome.value()
					: this.json.readValue(outcome.replayed(), STRING_MAP);
			ResponseEntity.BodyBuilder response = ResponseEntity.accepted()
				.location(URI.create(body.getOrDefault("status_url", "/jobs")));
			if (outcome.replayed() != null) {
				response.header(REPLAYED, "true");
			}
			return response.body(body);
		}
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

	private static final tools.jackson.core.type.TypeReference<Map<String, String>> STRING_MAP = new tools.jackson.core.type.TypeReference<>() {
	};

	static ResponseEntity<Map<String, String>> accepted(JobView job) {
		String statusUrl = "/jobs/" + job.jobId();
		return ResponseEntity.accepted()
			.location(URI.create(statusUrl))
			.body(Map.of("job_id", job.jobId(), "status_url", statusUrl, "state", job.state()));
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
