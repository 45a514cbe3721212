package io.ragwell.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.ClientGoneException;
import io.ragwell.core.DocumentTooLargeException;
import io.ragwell.core.EmbeddingOverloadedException;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.LlmException;
import io.ragwell.core.NotFoundException;
import io.ragwell.core.NotSupportedException;
import io.ragwell.core.PayloadTooLargeException;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.UnprocessableDocumentException;
import io.ragwell.core.UnsupportedDocumentTypeException;
import io.ragwell.ingest.IdempotencyConflictException;
import io.ragwell.ingest.jobs.JobConflictException;
import io.ragwell.ingest.jobs.JobQueueFullException;
import io.ragwell.ingest.jobs.JobTooLargeException;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.tuning.TuningInProgressException;
import io.ragwell.web.security.AccessDeniedException;
import io.ragwell.web.security.AuthenticationException;
import io.ragwell.web.security.RateLimitedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place errors become RFC 9457 problem details. Spring MVC's own exceptions (405, 406, 415, bad
 * path variables …) come through {@link ResponseEntityExceptionHandler}; ours are mapped below. A 500 never
 * carries a stack trace, exception message or class name: it carries an id to find the logged error.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	static final String TYPE_PREFIX = "urn:ragwell:problem:";

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	private static final int CLIENT_CLOSED_REQUEST = 499;

	private final MeterRegistry registry;

	ProblemDetailsAdvice(MeterRegistry registry) {
		this.registry = registry;
	}

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalidRequest(InvalidRequestException ex) {
		// Counted by problem type: a burst of rejected requests is worth a dashboard panel too.
		RagMetrics.errorCounter(this.registry, "request", ex.type()).increment();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ex.type(), "Invalid request", ex.getMessage());
		if (ex.field() != null) {
			problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		}
		return problem;
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", ex.getMessage()));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail forbidden(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
	}

	@ExceptionHandler(RateLimitedException.class)
	ResponseEntity<ProblemDetail> rateLimited(RateLimitedException ex) {
		long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
					ex.getMessage() + "; retry after " + seconds + " seconds"));
	}

	/** The background job queue or its spool is full: this client may come back, so 429 with when. */
	@ExceptionHandler(JobQueueFullException.class)
	ResponseEntity<ProblemDetail> jobQueueFull(JobQueueFullException ex) {
		long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
		RagMetrics.error(this.registry, "request", ex);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, "job-queue-full", "Job queue full",
					ex.getMessage() + "; retry after " + seconds + " seconds"));
	}

	@ExceptionHandler(JobTooLargeException.class)
	ProblemDetail jobTooLarge(JobTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", ex.getMessage());
	}

	@ExceptionHandler(JobConflictException.class)
	ProblemDetail jobConflict(JobConflictException ex) {
		return problem(HttpStatus.CONFLICT, "job-finished", "Job already finished", ex.getMessage());
	}

	/** One tuning run per namespace at a time: the client may retry when it has finished. */
	@ExceptionHandler(TuningInProgressException.class)
	ProblemDetail tuningInProgress(TuningInProgressException ex) {
		return problem(HttpStatus.CONFLICT, "tuning-in-progress", "Tuning in progress", ex.getMessage());
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ProblemDetail payloadTooLarge(PayloadTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", ex.getMessage());
	}

	/**
	 * An Idempotency-Key used with another body is the client's bug (422, as Stripe answers); one whose first
	 * request is still running is a conflict worth retrying after a second (409).
	 */
	@ExceptionHandler(IdempotencyConflictException.class)
	ResponseEntity<ProblemDetail> idempotencyConflict(IdempotencyConflictException ex) {
		if (ex.reason() == IdempotencyConflictException.Reason.REUSED) {
			return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
				.body(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
						ex.getMessage()));
		}
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in progress", ex.getMessage()));
	}

	@ExceptionHandler(DocumentTooLargeException.class)
	ProblemDetail documentTooLarge(DocumentTooLargeException ex) {
		RagMetrics.errorCounter(this.registry, "request", "payload-too-large").increment();
		return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", ex.getMessage());
	}

	@ExceptionHandler(UnsupportedDocumentTypeException.class)
	ProblemDetail unsupportedDocumentType(UnsupportedDocumentTypeException ex) {
		RagMetrics.errorCounter(this.registry, "request", "unsupported-media-type").increment();
		ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				"Unsupported media type", ex.getMessage());
		problem.setProperty("media_type", ex.mediaType());
		return problem;
	}

	@ExceptionHandler(UnprocessableDocumentException.class)
	ProblemDetail unprocessableDocument(UnprocessableDocumentException ex) {
		RagMetrics.errorCounter(this.registry, "request", "unprocessable-document").increment();
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable-document", "Unprocessable document",
				ex.getMessage());
	}

	/**
	 * A multipart body the server could not take apart: over a size limit (413, also when {@link RequestSizeFilter}
	 * cut it off while Tomcat read it), otherwise malformed (400).
	 */
	@ExceptionHandler(MultipartException.class)
	ProblemDetail multipart(MultipartException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return payloadTooLarge(tooLarge);
			}
			if (cause instanceof MaxUploadSizeExceededException || cause.getClass().getSimpleName().contains("SizeLimit")
					|| cause.getClass().getSimpleName().contains("SizeException")) {
				return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
						"the upload is larger than ragwell.limits.max-file-bytes allows");
			}
		}
		return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
				"The body must be multipart/form-data with one or more 'file' parts.");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, multipart(ex), headers, HttpStatus.CONTENT_TOO_LARGE, request);
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(NotSupportedException.class)
	ProblemDetail notSupported(NotSupportedException ex) {
		return problem(HttpStatus.NOT_IMPLEMENTED, "not-supported", "Not supported", ex.getMessage());
	}

	@ExceptionHandler(LlmException.class)
	ProblemDetail llmFailed(LlmException ex) {
		log.warn("llm call failed status={} code={} retryable={}", ex.status(), ex.code(), ex.retryable());
		return problem(HttpStatus.BAD_GATEWAY, "llm-unavailable", "LLM provider failed",
				"The language model provider did not return an answer; retry later or use /search.");
	}

	/**
	 * A remote dependency (vector database, embedding provider) failed or its circuit is open: the request can
	 * succeed later, so say when. Resilience4j's own rejections arrive here too.
	 */
	@ExceptionHandler({ RemoteCallException.class, CallNotPermittedException.class, BulkheadFullException.class })
	ResponseEntity<ProblemDetail> dependencyUnavailable(RuntimeException ex) {
		String service = (ex instanceof RemoteCallException remote) ? remote.service() : "dependency";
		Duration retryAfter = (ex instanceof RemoteCallException remote && remote.retryAfter() != null)
				? remote.retryAfter() : DEFAULT_RETRY_AFTER;
		log.warn("dependency unavailable service={} cause={}", service, ex.getClass().getSimpleName());
		RagMetrics.error(this.registry, "request", ex);
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable",
				"Service unavailable", "A dependency (" + service + ") is unavailable; retry after "
						+ Math.max(1, retryAfter.toSeconds()) + " seconds.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
			.body(problem);
	}

	/**
	 * The in-process embedder is over its capacity. 503 rather than 429: the whole service is saturated, not
	 * this client over its own rate, and a client retrying after {@code Retry-After} is what we want.
	 */
	@ExceptionHandler(EmbeddingOverloadedException.class)
	ResponseEntity<ProblemDetail> embeddingOverloaded(EmbeddingOverloadedException ex) {
		long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
		log.warn("embedding overloaded: {}", ex.getMessage());
		RagMetrics.error(this.registry, "request", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "embedding-overloaded", "Embedding overloaded",
					ex.getMessage() + "; retry after " + seconds + " seconds."));
	}

	/**
	 * The client hung up while its work was queued ({@link ClientGoneValve}). Nobody reads this response, so it is
	 * only for the access log: nginx's 499 (Client Closed Request), and a line at info, since a hang-up is the
	 * client's choice and no server error.
	 */
	@ExceptionHandler(ClientGoneException.class)
	ResponseEntity<Void> clientGone(ClientGoneException ex) {
		log.info("client gone: {}", ex.getMessage());
		RagMetrics.error(this.registry, "request", ex);
		return ResponseEntity.status(CLIENT_CLOSED_REQUEST).build();
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		String id = UUID.randomUUID().toString();
		log.error("unhandled error id={}", id, ex);
		RagMetrics.error(this.registry, "request", ex);
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request failed on the server; the error was logged with id " + id + ".");
		problem.setProperty("error_id", id);
		return problem;
	}

	/**
	 * The problem detail the handlers above give {@code ex}, for a failure after a streamed response has started:
	 * its status line is sent, so only an event in the body can say what went wrong. Logged and counted as the
	 * handlers do.
	 * @param ex what failed
	 * @param instance the request path, as the {@code instance} of the problem
	 */
	ProblemDetail describe(Exception ex, String instance) {
		ProblemDetail problem = switch (ex) {
			case InvalidRequestException invalid -> invalidRequest(invalid);
			case AuthenticationException unauthenticated -> unauthenticated(unauthenticated).getBody();
			case AccessDeniedException denied -> forbidden(denied);
			case RateLimitedException limited -> rateLimited(limited).getBody();
			case PayloadTooLargeException tooLarge -> payloadTooLarge(tooLarge);
			case NotFoundException notFound -> notFound(notFound);
			case NotSupportedException unsupported -> notSupported(unsupported);
			case LlmException llm -> llmFailed(llm);
			case RemoteCallException remote -> dependencyUnavailable(remote).getBody();
			case CallNotPermittedException open -> dependencyUnavailable(open).getBody();
			case BulkheadFullException full -> dependencyUnavailable(full).getBody();
			case EmbeddingOverloadedException overloaded -> embeddingOverloaded(overloaded).getBody();
			default -> unexpected(ex);
		};
		if (problem == null) {
			problem = unexpected(ex);
		}
		problem.setInstance(URI.create(instance));
		return problem;
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return handleExceptionInternal(ex, payloadTooLarge(tooLarge), headers, HttpStatus.CONTENT_TOO_LARGE,
						request);
			}
		}
		return handleExceptionInternal(ex, unreadableBody(), headers, HttpStatus.BAD_REQUEST, request);
	}

	/** Jackson's message names our classes and echoes input: say what is wrong without either. */
	static ProblemDetail unreadableBody() {
		return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
				"The body must be a JSON object of the documented shape (check the syntax and the field types).");
	}

	/**
	 * Spring MVC's own problems (405, 406, 415, 404 for unknown paths …) come with {@code about:blank}; give
	 * them a type like ours, named after the status, so clients can switch on {@code type} alone.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			String slug = (status != null) ? status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-')
					: "http-" + statusCode.value();
			problem.setType(URI.create(TYPE_PREFIX + slug));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(title);
		return problem;
	}

}
