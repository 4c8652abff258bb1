package io.tenantsync.gateway.store;

import java.time.Instant;

/**
 * One resource as stored: its JSON without members, {@code meta.location} and the target-state extension, which are
 * rendered per request.
 *
 * @param version increases with every write by a client; the ETag is derived from it
 */
public record StoredResource(String id, ResourceType type, long version, Instant created, Instant lastModified, String body) {}
