package io.tenantsync.gateway.store;

import java.time.Instant;
import java.util.Optional;

/** The target tenant's side of one resource, as last recorded by the provisioning side. */
public record TargetState(String resourceId, ResourceType type, Optional<String> targetObjectId, TargetStatus status,
                          Optional<Instant> lastAttempt, Optional<String> lastError) {
    /** The state of a resource nothing has been attempted for yet. */
    public static TargetState pending(String resourceId, ResourceType type) {
        return new TargetState(resourceId, type, Optional.empty(), TargetStatus.PENDING, Optional.empty(), Optional.empty());
    }
}
