package io.ragwell.tuning;

import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.query.plan.TuningState;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /tuning}: a namespace's retrieval settings and where they came from.
 *
 * @param effective what a request that sets nothing runs with
 * @param tuned whether {@code effective} are tuned settings (false: the configured defaults)
 * @param defaults the configured settings ({@code ragwell.query.*})
 * @param current the tuned settings in force with their scores, or null
 * @param previous the settings {@code current} replaced, with their scores (null: the configured defaults)
 * @param running whether a tuning run is under way in the namespace
 */
public record TuningView(RetrievalSettings effective, boolean tuned, RetrievalSettings defaults,
		TuningState.@Nullable Applied current, TuningState.@Nullable Applied previous, boolean running) {
}
