package io.tenantsync.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A deprovisioning held back because its cycle exceeded the deletion threshold.
 *
 * @param action   what will be done once released ({@link ProvisioningAction#DISABLE} or {@link ProvisioningAction#DELETE})
 * @param targetId the target object it applies to
 * @param reason   the reconcile decision's reason
 */
public record StagedDeletion(ConnectionId connectionId, ObjectType objectType, String sourceId, String targetId,
                             ProvisioningAction action, String cycleId, Instant stagedAt, String reason) {

    public StagedDeletion {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cycleId, "cycleId");
        stagedAt = stagedAt.truncatedTo(ChronoUnit.MILLIS);
        reason = reason == null ? "" : reason;
    }
}
