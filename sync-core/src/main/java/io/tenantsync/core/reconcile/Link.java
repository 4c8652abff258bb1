package io.tenantsync.core.reconcile;

import java.util.Objects;

/** The durable pairing of a source user with the target user sync produced or matched, if there is one yet. */
public sealed interface Link {

    /** Never provisioned or matched: a present target, if any, was found by the matching attribute. */
    record Unlinked() implements Link {
    }

    /**
     * Paired with a target object.
     *
     * @param targetObjectId    the target user's object id
     * @param softDeletedBySync whether the target's soft delete, if it is soft-deleted, was done by sync; only such
     *                          deletions are restored (a deletion made directly in the target is not, per Entra)
     */
    record Linked(String targetObjectId, boolean softDeletedBySync) implements Link {
        public Linked {
            Objects.requireNonNull(targetObjectId, "targetObjectId");
        }
    }

    static Link none() {
        return new Unlinked();
    }

    static Link to(String targetObjectId) {
        return new Linked(targetObjectId, false);
    }
}
