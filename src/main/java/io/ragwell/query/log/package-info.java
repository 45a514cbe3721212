/**
 * The query log port: each answered question, its {@code query_id}, settings and returned source ids, for turning
 * feedback into judgments. The file-backed log is in {@code feedback}, which reads it back. Pipeline layer: depends
 * on core and {@code query.plan}.
 */
@NullMarked
package io.ragwell.query.log;

import org.jspecify.annotations.NullMarked;
