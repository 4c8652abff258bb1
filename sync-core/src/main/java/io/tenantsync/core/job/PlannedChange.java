package io.tenantsync.core.job;

import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.Decision;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.StagedDeletion;
import java.time.Instant;
import java.util.Objects;

/**
 * What a cycle means to do to one object: reconcile's decision, with the ids it applies to.
 *
 * @param targetId the linked or matched target object, null when there is none (a create)
 */
public record PlannedChange(ObjectType objectType, String sourceId, String targetId, Decision decision) {

    public PlannedChange {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * Whether the accidental-deletions threshold counts this change: a disable, soft delete or hard delete
     * (entra-semantics §3.3 counts disables with removals).
     */
    public boolean deprovisions() {
        Action action = decision.action();
        return action instanceof Action.Disable || action instanceof Action.SoftDelete
                || action instanceof Action.HardDelete;
    }

    /** This change held back in {@code cycleId}, to be done once released. */
    public StagedDeletion staged(ConnectionId connection, String cycleId, Instant now) {
        if (!deprovisions()) {
            throw new IllegalStateException("only deprovisioning is staged, not " + decision.action());
        }
        return new StagedDeletion(connection, objectType, sourceId, targetId,
                ObjectOutcome.logAction(decision.action()), cycleId, now, decision.reason());
    }

    /** The log action the change is recorded under when it is done. */
    public ProvisioningAction logAction() {
        return ObjectOutcome.logAction(decision.action());
    }
}
