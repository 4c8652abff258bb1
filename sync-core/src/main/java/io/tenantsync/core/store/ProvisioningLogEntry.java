package io.tenantsync.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one object in one cycle: Graph's {@code provisioningObjectSummary} for our engine.
 *
 * @param id               unique id of the entry
 * @param cycleId          the cycle (job iteration) it belongs to
 * @param changeId         the change within the cycle, shared by entries describing one change
 * @param activityDateTime when the action happened (kept to the millisecond)
 * @param errorCode        an Entra-like error or skip code ({@code RedundantExport}, {@code TooManyRequests}); null on
 *                         plain success
 * @param reason           why, in words: the reconcile decision's reason or the failure's message
 */
public record ProvisioningLogEntry(String id, ConnectionId connectionId, String cycleId, String changeId,
                                   Instant activityDateTime, ObjectType objectType, ProvisioningAction action,
                                   ProvisioningStatus status, LoggedIdentity source, LoggedIdentity target,
                                   List<ModifiedProperty> modifiedProperties, List<ProvisioningStep> steps,
                                   String errorCode, String reason, long durationInMilliseconds) {

    public ProvisioningLogEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(cycleId, "cycleId");
        Objects.requireNonNull(changeId, "changeId");
        activityDateTime = activityDateTime.truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        source = source == null ? LoggedIdentity.none() : source;
        target = target == null ? LoggedIdentity.none() : target;
        modifiedProperties = List.copyOf(modifiedProperties);
        steps = List.copyOf(steps);
        reason = reason == null ? "" : reason;
        if (durationInMilliseconds < 0) {
            throw new IllegalArgumentException("a duration is not negative");
        }
    }
}
