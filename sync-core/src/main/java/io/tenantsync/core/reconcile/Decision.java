package io.tenantsync.core.reconcile;

import java.util.Objects;

/**
 * The action reconcile chose and why, in words for a provisioning log
 * ({@code source user left scope: clause department EQUALS Sales failed → soft delete}).
 */
public record Decision(Action action, String reason) {

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    static Decision skip(Action.SkipCause cause, String reason) {
        return new Decision(new Action.Skip(cause), reason);
    }
}
