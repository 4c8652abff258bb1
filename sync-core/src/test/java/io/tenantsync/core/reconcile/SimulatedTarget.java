package io.tenantsync.core.reconcile;

import io.tenantsync.core.model.Attributes;
import java.time.Instant;

/** What an action does to a target user, as the target directory would do it; the property tests apply decisions. */
final class SimulatedTarget {

    private SimulatedTarget() {
    }

    /** The target after {@code action}; an action that cannot apply to this state is a reconcile bug, so it throws. */
    static TargetState applied(TargetState target, Action action, Instant now) {
        if (action instanceof Action.Skip) {
            return target;
        }
        if (action instanceof Action.Create create) {
            if (target instanceof TargetState.Present) {
                throw new IllegalStateException("create over a present target user " + target);
            }
            // A fresh object id: the soft-deleted user past its window is purged, not reused.
            return new TargetState.Present("created-at-" + now, TargetState.Origin.EXTERNAL, create.attributes());
        }
        if (action instanceof Action.HardDelete) {
            if (target instanceof TargetState.Absent) {
                throw new IllegalStateException("hard delete of an absent target user");
            }
            return TargetState.absent();
        }
        if (action instanceof Action.Restore) {
            if (!(target instanceof TargetState.SoftDeleted deleted)) {
                throw new IllegalStateException("restore of a target user that is not soft-deleted: " + target);
            }
            return new TargetState.Present(deleted.objectId(), deleted.origin(), deleted.attributes());
        }
        if (!(target instanceof TargetState.Present present)) {
            throw new IllegalStateException(action + " needs a present target user, not " + target);
        }
        if (action instanceof Action.SoftDelete) {
            return new TargetState.SoftDeleted(present.objectId(), present.origin(), present.attributes(), now);
        }
        if (action instanceof Action.Disable) {
            return withAttributes(present, present.attributes().with("accountEnabled", false));
        }
        Attributes attributes = present.attributes();
        for (AttributeChange change : ((Action.Update) action).changes()) {
            attributes = attributes.with(change.name(), change.newValue());
        }
        return withAttributes(present, attributes);
    }

    private static TargetState.Present withAttributes(TargetState.Present present, Attributes attributes) {
        return new TargetState.Present(present.objectId(), present.origin(), attributes);
    }
}
