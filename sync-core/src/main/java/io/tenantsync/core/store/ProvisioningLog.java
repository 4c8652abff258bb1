package io.tenantsync.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The provisioning log: one entry per object per cycle, kept for a retention period. */
public interface ProvisioningLog {

    /** Entra keeps provisioning logs 30 days (premium tenants). */
    Duration DEFAULT_RETENTION = Duration.ofDays(30);

    void append(ProvisioningLogEntry entry);

    Optional<ProvisioningLogEntry> get(ConnectionId connection, String id);

    /** The entries matching the query, newest first (ties broken by id, descending). */
    ProvisioningLogPage query(ProvisioningLogQuery query);

    /** Deletes entries of every connection whose activity time is before {@code cutoff}; returns how many. */
    int pruneBefore(Instant cutoff);

    /** Deletes entries older than {@code retention} as of {@code now}. */
    default int pruneExpired(Instant now, Duration retention) {
        return pruneBefore(now.minus(retention));
    }
}
