/**
 * The playground: one static page (HTML, script, style from {@code static/} in the jar, no build step) that asks
 * with streaming answers, shows cited sources, uploads files and lists documents, all through the public API
 * with the key a person types in. Only these three files are served without a key, with a strict
 * Content-Security-Policy. Part of the web layer; it depends on {@code web.security} only.
 */
@NullMarked
package io.ragwell.web.playground;

import org.jspecify.annotations.NullMarked;
