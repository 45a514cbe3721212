package io.ragwell.store.opensearch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ragwell.core.SharedJobRecords;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@link SharedJobRecords} in the OpenSearch index {@code <index>-jobs}: one document per job ({@code kind=job},
 * {@code _id} the job id) and one per input part ({@code kind=input}, {@code _id} {@code <job id>~<part>}, the
 * bytes base64 in {@code _source}, never indexed). Acceptance is durable because every acknowledged OpenSearch
 * write is in its fsynced translog ({@code index.translog.durability=request}, the default); the record is written
 * last, with {@code refresh=wait_for}, so a job whose record exists has all its input and is already visible to
 * the {@code _search}es behind {@link #list} and {@link #claimable}. Record changes are conditional
 * ({@code if_seq_no}/{@code if_primary_term}); {@link #find} is a real-time GET.
 */
public final class OpenSearchJobRecords implements SharedJobRecords {

	private static final String KIND_JOB = "job";

	private static final String KIND_INPUT = "input";

	private final OpenSearchVectorStore store;

	private final String index;

	private final Clock clock;

	private volatile boolean indexReady;

	public OpenSearchJobRecords(OpenSearchVectorStore store, Clock clock) {
		this.store = store;
		this.index = store.baseIndex() + "-jobs";
		this.clock = clock;
	}

	/** The index holding the jobs. */
	public String index() {
		return this.index;
	}

	@Override
	public void create(String id, String namespace, Instant createdAt, String status, String state,
			Map<String, byte[]> inputs) {
		ensureIndex();
		try {
			for (Map.Entry<String, byte[]> part : inputs.entrySet()) {
				Map<String, Object> source = new LinkedHashMap<>();
				source.put("kind", KIND_INPUT);
				source.put("job", id);
				source.put("created_at", createdAt.toEpochMilli());
				source.put("data", Base64.getEncoder().encodeToString(part.getValue()));
				HttpUrl url = this.store.url(this.index, "_doc", partId(id, part.getKey()))
					.newBuilder()
					.addQueryParameter("op_type", "create")
					.build();
				this.store.call(this.store.remote(), this.store.put(url, this.store.json().writeValueAsString(source)));
			}
			HttpUrl url = this.store.url(this.index, "_doc", id)
				.newBuilder()
				.addQueryParameter("op_type", "create")
				.addQueryParameter("refresh", "wait_for")
				.build();
			this.store.call(this.store.remote(), this.store.put(url, this.store.json()
				.writeValueAsString(recordSource(namespace, createdAt.toEpochMilli(), status, state, null, 0, false, null))));
		}
		catch (RuntimeException ex) {
			deleteInputsQuietly(id);
			throw ex;
		}
	}

	@Override
	public Optional<Stored> find(String id) {
		ensureIndex();
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.remote(),
				this.store.get(this.store.url(this.index, "_doc", id)), 404);
		JsonNode body = reply.body();
		if (!body.path("found").asBoolean(false) || !KIND_JOB.equals(body.path("_source").path("kind").asString(""))) {
			return Optional.empty();
		}
		return Optional.of(stored(body));
	}

	@Override
	public Optional<Stored> replace(Stored expected, String status, String state, @Nullable String leaseOwner,
			long leaseUntil, boolean finished) {
		String[] token = expected.version().split(":", 2);
		HttpUrl url = this.store.url(this.index, "_doc", expected.id())
			.newBuilder()
			.addQueryParameter("if_seq_no", token[0])
			.addQueryParameter("if_primary_term", token[1])
			.build();
		long createdAt = expected.createdAt().toEpochMilli();
		Long finishedAt = finished ? this.clock.millis() : null;
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.remote(),
				this.store.put(url, this.store.json()
					.writeValueAsString(
							recordSource(expected.namespace(), createdAt, status, state, leaseOwner, leaseUntil, finished,
									finishedAt))),
				404, 409);
		if (reply.status() == 409 || reply.status() == 404) {
			return Optional.empty();
		}
		return Optional.of(new Stored(expected.id(), expected.namespace(), expected.createdAt(), state, leaseOwner, leaseUntil, finished,
				reply.body().path("_seq_no").asLong() + ":" + reply.body().path("_primary_term").asLong()));
	}

	@Override
	public List<Stored> list(String namespace, @Nullable String status, int limit) {
		List<Map<String, Object>> filters = new ArrayList<>(List.of(term("kind", KIND_JOB), term("namespace", namespace)));
		if (status != null) {
			filters.add(term("status", status));
		}
		return search(filters, "desc", limit);
	}

	@Override
	public List<Stored> claimable(long now, int limit) {
		return search(List.of(term("kind", KIND_JOB), term("finished", false),
				Map.of("range", Map.of("lease_until", Map.of("lt", now)))), "asc", limit);
	}

	@Override
	public long unfinished() {
		if (!exists()) {
			return 0;
		}
		HttpUrl url = this.store.url(this.index, "_count");
		return this.store.call(this.store.remote(), this.store.post(url, Map.of("query",
				Map.of("bool", Map.of("filter", List.of(term("kind", KIND_JOB), term("finished", false)))))))
			.body()
			.path("count")
			.asLong();
	}

	@Override
	public long count(String status) {
		if (!exists()) {
			return 0;
		}
		HttpUrl url = this.store.url(this.index, "_count");
		return this.store.call(this.store.remote(), this.store.post(url, Map.of("query",
				Map.of("bool", Map.of("filter", List.of(term("kind", KIND_JOB), term("status", status)))))))
			.body()
			.path("count")
			.asLong();
	}

	@Override
	public long deleteFinishedBeyond(int keep) {
		if (!exists()) {
			return 0;
		}
		HttpUrl url = this.store.url(this.index, "_search");
		// The newest `keep` finished jobs stay; the next 1,000 older ones go (a later sweep takes any beyond).
		Map<String, Object> body = Map.of("from", keep, "size", 1000, "_source", false, "query",
				Map.of("bool", Map.of("filter", List.of(term("kind", KIND_JOB), term("finished", true)))), "sort",
				List.of(Map.of("finished_at", "desc"), Map.of("_id", "desc")));
		List<String> ids = new ArrayList<>();
		for (JsonNode hit : this.store.call(this.store.remote(), this.store.post(url, body))
			.body()
			.path("hits")
			.path("hits")) {
			ids.add(hit.path("_id").asString());
		}
		if (ids.isEmpty()) {
			return 0;
		}
		for (String id : ids) {
			deleteInputs(id);
		}
		return deleteByQuery(Map.of("bool", Map.of("filter", List.of(term("kind", KIND_JOB), Map.of("ids",
				Map.of("values", ids))))));
	}

	@Override
	public byte[] input(String id, String name) {
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.remote(),
				this.store.get(this.store.url(this.index, "_doc", partId(id, name))), 404);
		if (!reply.body().path("found").asBoolean(false)) {
			throw new IllegalStateException("input '" + name + "' of job " + id + " is missing from " + this.index);
		}
		return Base64.getDecoder().decode(reply.body().path("_source").path("data").asString(""));
	}

	@Override
	public void deleteInputs(String id) {
		deleteByQuery(Map.of("bool", Map.of("filter", List.of(term("kind", KIND_INPUT), term("job", id)))));
	}

	private void deleteInputsQuietly(String id) {
		try {
			deleteInputs(id);
		}
		catch (RuntimeException ex) {
			// Never acknowledged, so never a job: its parts are only bytes, found by no record.
		}
	}

	@Override
	public long deleteFinishedBefore(Instant cutoff) {
		if (!exists()) {
			return 0;
		}
		List<Map<String, Object>> filters = List.of(term("kind", KIND_JOB), term("finished", true),
				Map.of("range", Map.of("finished_at", Map.of("lt", cutoff.toEpochMilli()))));
		List<Stored> expired = search(filters, "asc", 1000);
		for (Stored job : expired) {
			deleteInputs(job.id());
		}
		return deleteByQuery(Map.of("bool", Map.of("filter", filters)));
	}

	private long deleteByQuery(Map<String, Object> query) {
		if (!exists()) {
			return 0;
		}
		HttpUrl url = this.store.url(this.index, "_delete_by_query")
			.newBuilder()
			.addQueryParameter("conflicts", "proceed")
			.addQueryParameter("refresh", "true")
			.build();
		return this.store.call(this.store.remote(), this.store.post(url, Map.of("query", query)))
			.body()
			.path("deleted")
			.asLong();
	}

	private List<Stored> search(List<Map<String, Object>> filters, String order, int limit) {
		if (!exists()) {
			return List.of();
		}
		HttpUrl url = this.store.url(this.index, "_search")
			.newBuilder()
			.addQueryParameter("seq_no_primary_term", "true")
			.build();
		Map<String, Object> body = Map.of("size", limit, "query", Map.of("bool", Map.of("filter", filters)), "sort",
				List.of(Map.of("created_at", order), Map.of("_id", order)));
		List<Stored> jobs = new ArrayList<>();
		for (JsonNode hit : this.store.call(this.store.remote(), this.store.post(url, body))
			.body()
			.path("hits")
			.path("hits")) {
			jobs.add(stored(hit));
		}
		return jobs;
	}

	private static Stored stored(JsonNode hit) {
		JsonNode source = hit.path("_source");
		String owner = source.path("lease_owner").isString() ? source.path("lease_owner").asString() : null;
		return new Stored(hit.path("_id").asString(), source.path("namespace").asString(""),
				Instant.ofEpochMilli(source.path("created_at").asLong(0)), source.path("state").asString(""), owner, source.path("lease_until").asLong(0),
				source.path("finished").asBoolean(false),
				hit.path("_seq_no").asLong() + ":" + hit.path("_primary_term").asLong());
	}

	private static Map<String, Object> recordSource(String namespace, long createdAt, String status, String state,
			@Nullable String leaseOwner, long leaseUntil, boolean finished, @Nullable Long finishedAt) {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("kind", KIND_JOB);
		source.put("namespace", namespace);
		source.put("created_at", createdAt);
		source.put("status", status);
		source.put("finished", finished);
		if (finishedAt != null) {
			source.put("finished_at", finishedAt);
		}
		if (leaseOwner != null) {
			source.put("lease_owner", leaseOwner);
		}
		source.put("lease_until", leaseUntil);
		source.put("state", state);
		return source;
	}

	private static Map<String, Object> term(String field, Object value) {
		return Map.of("term", Map.of(field, value));
	}

	/** Input part ids: the job id, then the part's name with its slash replaced (ids are path segments). */
	private static String partId(String id, String name) {
		return id + "~" + name.replace('/', '_');
	}

	private boolean exists() {
		if (this.indexReady) {
			return true;
		}
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.remote(),
				this.store.request(this.store.url(this.index)).head().build(), 404);
		if (reply.status() == 404) {
			return false;
		}
		this.indexReady = true;
		return true;
	}

	private void ensureIndex() {
		if (this.indexReady) {
			return;
		}
		Map<String, Object> keyword = Map.of("type", "keyword");
		Map<String, Object> number = Map.of("type", "long");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("kind", keyword);
		properties.put("job", keyword);
		properties.put("namespace", keyword);
		properties.put("status", keyword);
		properties.put("created_at", number);
		properties.put("finished", Map.of("type", "boolean"));
		properties.put("finished_at", number);
		properties.put("lease_owner", keyword);
		properties.put("lease_until", number);
		this.store.createSideIndex(this.index, properties);
		this.indexReady = true;
	}

}
