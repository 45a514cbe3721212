/**
 * The default {@code core.SettingsStore}: small per-namespace documents (tuned retrieval settings) as files written
 * atomically next to the Lucene index. Adapter layer: depends on core and the store's properties only.
 */
@NullMarked
package io.ragwell.store.settings;

import org.jspecify.annotations.NullMarked;
