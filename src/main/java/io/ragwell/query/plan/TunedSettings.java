package io.ragwell.query.plan;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ragwell.core.SettingsStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each namespace's tuned retrieval settings ({@link TuningState}), kept in the {@link SettingsStore} beside its
 * data and read through a small cache, so the query path pays a map lookup, not a file or network read. The cache
 * entry lives {@code ttl}: another replica's tuning reaches this one within it (a local write is seen at once).
 * A document that cannot be read or parsed means the configured defaults, with a warning: a broken settings file
 * must not take queries down.
 */
public final class TunedSettings {

	/** The settings store document's name. */
	public static final String DOCUMENT = "retrieval-tuning";

	private static final Logger log = LoggerFactory.getLogger(TunedSettings.class);

	private final SettingsStore store;

	private final Cache<String, TuningState> cache;

	private final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	/**
	 * @param store where the documents live
	 * @param ttl how long a read is reused
	 */
	public TunedSettings(SettingsStore store, Duration ttl) {
		this.store = store;
		// Bounded by the number of namespaces that query; ten thousand of a few hundred bytes each at most.
		this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
	}

	/** Settings that never change: for tests and callers without a store. */
	public static TunedSettings none() {
		return new TunedSettings(new SettingsStore() {

			@Override
			public Optional<String> read(String namespace, String name) {
				return Optional.empty();
			}

			@Override
			public void write(String namespace, String name, String json) {
				throw new UnsupportedOperationException("no settings store");
			}

		}, Duration.ofDays(1));
	}

	/**
	 * @param namespace tenant namespace
	 * @return the namespace's tuned settings, or null when the configured defaults apply
	 */
	public @Nullable RetrievalSettings current(String namespace) {
		TuningState.Applied current = state(namespace).current();
		return (current != null) ? current.settings() : null;
	}

	/** The namespace's stored state (through the cache); {@link TuningState#NONE} when nothing was tuned. */
	public TuningState state(String namespace) {
		return this.cache.get(namespace, this::load);
	}

	/** The namespace's stored state read from the store, bypassing the cache: what a tuning run starts from. */
	public TuningState fresh(String namespace) {
		TuningState state = load(namespace);
		this.cache.put(namespace, state);
		return state;
	}

	/** Replaces the namespace's state durably; this replica applies it from the next query on. */
	public void write(String namespace, TuningState state) {
		this.store.write(namespace, DOCUMENT, this.json.writeValueAsString(state));
		this.cache.put(namespace, state);
	}

	private TuningState load(String namespace) {
		Optional<String> document;
		try {
			document = this.store.read(namespace, DOCUMENT);
		}
		catch (RuntimeException ex) {
			log.warn("cannot read the tuned retrieval settings; using the configured ones namespace={} error={}",
					namespace, ex.toString());
			return TuningState.NONE;
		}
		if (document.isEmpty()) {
			return TuningState.NONE;
		}
		try {
			return this.json.readValue(document.get(), TuningState.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			log.warn("the tuned retrieval settings do not parse; using the configured ones namespace={} error={}",
					namespace, ex.getMessage());
			return TuningState.NONE;
		}
	}

}
