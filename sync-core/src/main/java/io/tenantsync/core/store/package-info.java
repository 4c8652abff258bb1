/**
 * Store: the sync engine's durable state behind the {@link io.tenantsync.core.store.SyncStore} port — links,
 * watermarks, escrows, the provisioning log and job state (quarantine, staged deletions, counters) — every row keyed
 * by {@link io.tenantsync.core.store.ConnectionId}.
 *
 * <p>{@link io.tenantsync.core.store.JdbcSyncStore} implements it over JDBC, HSQLDB embedded by default, with
 * versioned migrations under {@code io/tenantsync/core/store/migrations}. Units of work
 * ({@link io.tenantsync.core.store.SyncStore#inTransaction}) commit several rows together.
 * {@link io.tenantsync.core.store.SyncStore#restart} follows Entra's restart scopes: the portal restart clears
 * watermarks, escrows and quarantine and keeps links.
 */
package io.tenantsync.core.store;
