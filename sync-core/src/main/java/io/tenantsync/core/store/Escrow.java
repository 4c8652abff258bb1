package io.tenantsync.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A failed target write kept for retry: one per object and connection, the latest failure winning.
 *
 * @param objectId       the source object id (for a reference write, whatever names the reference uniquely, e.g.
 *                       {@code groupId/memberId})
 * @param targetId       the target object id when one is known, else null
 * @param action         what was being done when it failed
 * @param reference      whether the write sets a reference (manager, group member); quarantine thresholds count
 *                       these apart
 * @param attempts       how many times the write has failed, at least 1
 * @param firstFailedAt  when the first of those attempts failed
 * @param nextAttemptAt  when to try again
 */
public record Escrow(ConnectionId connectionId, ObjectType objectType, String objectId, String targetId,
                     ProvisioningAction action, boolean reference, int attempts, Instant firstFailedAt,
                     Instant nextAttemptAt, WriteFailure lastFailure) {

    public Escrow {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(lastFailure, "lastFailure");
        if (attempts < 1) {
            throw new IllegalArgumentException("an escrow records at least one failed attempt");
        }
        firstFailedAt = firstFailedAt.truncatedTo(ChronoUnit.MILLIS);
        nextAttemptAt = nextAttemptAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** This escrow after one more failed attempt. */
    public Escrow failedAgain(WriteFailure failure, Instant nextAttempt) {
        return new Escrow(connectionId, objectType, objectId, targetId, action, reference, attempts + 1,
                firstFailedAt, nextAttempt, failure);
    }
}
