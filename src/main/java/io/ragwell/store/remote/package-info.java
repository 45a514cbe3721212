/** HTTP plumbing shared by the remote vector-store adapters: JSON calls and one error mapping. */
@NullMarked
package io.ragwell.store.remote;

import org.jspecify.annotations.NullMarked;
