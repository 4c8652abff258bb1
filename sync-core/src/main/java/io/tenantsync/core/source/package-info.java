/**
 * Source: reading the tenant that owns the users. {@link io.tenantsync.core.source.SourceDirectory} is the port; an
 * initial round reads every candidate user and the direct members of the assigned groups and ends with
 * {@link io.tenantsync.core.source.Watermarks}; each next round reads only what changed since them.
 * {@link io.tenantsync.core.source.GraphSourceDirectory} implements it with Microsoft Graph delta queries, so the
 * initial read and the first watermark come from one pass and an incremental round costs in proportion to the
 * changes (one request per collection when nothing changed).
 *
 * <p>Users carry Entra's source attribute names (those of {@link io.tenantsync.core.mapping.UserSchema} and the
 * CTS default mappings), not Graph's where the two differ; see {@link io.tenantsync.core.source.SourceUserRecord}.
 */
package io.tenantsync.core.source;
