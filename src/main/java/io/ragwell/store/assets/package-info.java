/**
 * The file-system {@code core.AssetStore}: the original bytes of images that documents were read from, kept under
 * {@code ragwell.assets.path} (beside the index by default), a directory per namespace and document named by hashes,
 * so no id or namespace spelling reaches outside it. Adapter layer: core only.
 */
@NullMarked
package io.ragwell.store.assets;

import org.jspecify.annotations.NullMarked;
