package io.tenantsync.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Which log entries of a connection to read, newest first. Every criterion left null matches everything.
 *
 * @param userId    matches the source or the target object id
 * @param from      inclusive lower bound of the activity time
 * @param to        exclusive upper bound of the activity time
 * @param pageSize  at most this many entries per page (1 to {@value #MAX_PAGE_SIZE})
 * @param pageToken where the previous page stopped ({@link ProvisioningLogPage#nextPageToken()}), null for the first
 */
public record ProvisioningLogQuery(ConnectionId connectionId, String userId, ProvisioningAction action,
                                   ProvisioningStatus status, Instant from, Instant to, int pageSize,
                                   String pageToken) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    public ProvisioningLogQuery {
        Objects.requireNonNull(connectionId, "connectionId");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ", not " + pageSize);
        }
    }

    /** Every entry of the connection, {@value #DEFAULT_PAGE_SIZE} a page. */
    public static ProvisioningLogQuery of(ConnectionId connectionId) {
        return new ProvisioningLogQuery(connectionId, null, null, null, null, null, DEFAULT_PAGE_SIZE, null);
    }

    public ProvisioningLogQuery user(String id) {
        return new ProvisioningLogQuery(connectionId, id, action, status, from, to, pageSize, pageToken);
    }

    public ProvisioningLogQuery action(ProvisioningAction value) {
        return new ProvisioningLogQuery(connectionId, userId, value, status, from, to, pageSize, pageToken);
    }

    public ProvisioningLogQuery status(ProvisioningStatus value) {
        return new ProvisioningLogQuery(connectionId, userId, action, value, from, to, pageSize, pageToken);
    }

    /** Entries active at or after {@code inclusiveFrom} and before {@code exclusiveTo}; either may be null. */
    public ProvisioningLogQuery between(Instant inclusiveFrom, Instant exclusiveTo) {
        return new ProvisioningLogQuery(connectionId, userId, action, status, inclusiveFrom, exclusiveTo, pageSize,
                pageToken);
    }

    public ProvisioningLogQuery pageSize(int size) {
        return new ProvisioningLogQuery(connectionId, userId, action, status, from, to, size, pageToken);
    }

    public ProvisioningLogQuery after(String token) {
        return new ProvisioningLogQuery(connectionId, userId, action, status, from, to, pageSize, token);
    }
}
