package io.tenantsync.core.reconcile;

import io.tenantsync.core.model.Attributes;
import java.util.List;
import java.util.Objects;

/** What to do to the target user: one write, or nothing ({@link Skip}). */
public sealed interface Action {

    /** Whether performing the action changes the target directory. */
    default boolean writes() {
        return !(this instanceof Skip);
    }

    /** Create a target user with these attributes (the Always and the create-only ones). */
    record Create(Attributes attributes) implements Action {
        public Create {
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    /** Change only these attributes of the target user; never empty. */
    record Update(List<AttributeChange> changes) implements Action {
        public Update {
            changes = List.copyOf(changes);
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("an update changes at least one attribute");
            }
        }
    }

    /** Set the target user's {@code accountEnabled} to false; nothing else changes. */
    record Disable() implements Action {
    }

    /** Move the target user to the target's recycle bin, restorable within the retention window. */
    record SoftDelete() implements Action {
    }

    /** Bring the soft-deleted target user back, same object id; the next decision updates its attributes. */
    record Restore() implements Action {
    }

    /** Delete the target user permanently (purge it from the recycle bin if it is there). */
    record HardDelete() implements Action {
    }

    /** Leave the target as it is; {@code cause} says which rule decided so (the decision's reason says it in words). */
    record Skip(SkipCause cause) implements Action {
        public Skip {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Why nothing is written, as a stable code for logs and tests. */
    enum SkipCause {
        /** Source and target already match (Entra's {@code RedundantExport}). */
        ALREADY_IN_SYNC,
        /** The cross-tenant trust refuses sync; nothing is written, deprovisioning included. */
        TRUST_REFUSED,
        /** The source user is out of scope and has no target user (Entra's {@code NotEffectivelyEntitled}). */
        NOT_IN_SCOPE,
        /** The target user was never provisioned or linked by sync, so sync does not deprovision it. */
        NOT_MANAGED,
        /** The target user is an internal member or guest of the target tenant, which CTS never matches. */
        INTERNAL_TARGET_USER,
        /** The source user is disabled, and Entra does not provision (create, match or restore) a disabled user. */
        SOURCE_DISABLED,
        /** A disabled source user removed from scope keeps its disabled target user: Entra's documented exception. */
        DISABLED_USER_LEFT_SCOPE,
        /** The target user is already soft-deleted, disabled, purged or absent, as deprovisioning wants. */
        ALREADY_DEPROVISIONED,
        /** {@code SkipOutOfScopeDeletions} is set, so users leaving scope are left as they are. */
        SKIP_OUT_OF_SCOPE_DELETIONS,
        /** The needed write is not among the object mapping's target object actions. */
        ACTION_NOT_ALLOWED,
        /** The target user was soft-deleted in the target, not by sync; Entra does not restore it. */
        DELETED_IN_TARGET
    }
}
