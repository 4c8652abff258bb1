package io.tenantsync.gateway.store;

import java.time.Instant;

/**
 * One row of the outbox: a committed write whose effect on the target tenant has not been settled yet.
 *
 * @param id       the change's outbox id, increasing in commit order within a connection
 * @param attempts how many times it was marked failed before
 */
public record ChangeRef(long id, String connectionId, ResourceType type, String resourceId, ChangeOperation operation,
                        Instant createdAt, int attempts) {}
