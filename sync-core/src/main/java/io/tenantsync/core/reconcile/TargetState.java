package io.tenantsync.core.reconcile;

import io.tenantsync.core.model.Attributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The target user as the target directory has it now: absent, present, or in its recycle bin. */
public sealed interface TargetState {

    /** Where a target user signs in: at its home tenant (a B2B collaboration user) or in the target itself. */
    enum Origin {
        /** A B2B collaboration user, federated to another tenant: the only kind sync matches and manages. */
        EXTERNAL,
        /** A member or guest of the target tenant itself: sync never matches or changes it. */
        INTERNAL
    }

    /** No target user: never created, or purged. */
    record Absent() implements TargetState {
    }

    /**
     * A target user that exists.
     *
     * @param attributes its current attributes, including {@code accountEnabled} and {@code userType}
     */
    record Present(String objectId, Origin origin, Attributes attributes) implements TargetState {
        public Present {
            Objects.requireNonNull(objectId, "objectId");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(attributes, "attributes");
        }

        /** Graph's {@code accountEnabled}; a user without the property can sign in. */
        public boolean accountEnabled() {
            return !Boolean.FALSE.equals(attributes.get("accountEnabled"));
        }

        /** Graph's {@code userType} ({@code Member} or {@code Guest}), or null when not known. */
        public String userType() {
            return attributes.getString("userType");
        }
    }

    /**
     * A target user in the target's recycle bin.
     *
     * @param attributes      its attributes when it was deleted
     * @param deletedDateTime when it was soft-deleted; Entra purges it after the retention window
     */
    record SoftDeleted(String objectId, Origin origin, Attributes attributes, Instant deletedDateTime)
            implements TargetState {
        public SoftDeleted {
            Objects.requireNonNull(objectId, "objectId");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(deletedDateTime, "deletedDateTime");
        }

        /** Whether it can still be restored at {@code now}: strictly before the end of the retention window. */
        public boolean restorableAt(Instant now, Duration retention) {
            return now.isBefore(deletedDateTime.plus(retention));
        }
    }

    static TargetState absent() {
        return new Absent();
    }
}
