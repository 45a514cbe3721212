/**
 * Thumbs up or down on answers, kept durably per namespace in an append-only JSON-lines file, the log of answered
 * questions they are joined to ({@code QueryLogFile}) and the judgments the join gives ({@code FeedbackJudgments}),
 * exported for offline evaluation ({@code /feedback} is in web). A layer beside eval, above the pipelines: it may
 * depend on core, the adapters' settings and the pipelines; eval, tuning and web depend on it.
 */
@NullMarked
package io.ragwell.feedback;

import org.jspecify.annotations.NullMarked;
