package io.tenantsync.core.reconcile;

import io.tenantsync.core.model.Attributes;
import java.util.Objects;

/** The source user as the source directory has it now. */
public sealed interface SourceState {

    /**
     * A user that exists in the source directory (not in its recycle bin).
     *
     * @param attributes     its source attributes, for reasons and diagnostics (the mapping result is separate)
     * @param accountEnabled whether sign-in is allowed in the source
     * @param scope          the outcome of assignment and scoping filters
     */
    record Live(Attributes attributes, boolean accountEnabled, Scope scope) implements SourceState {
        public Live {
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /** A user in the source's recycle bin: deleted, restorable there for 30 days. */
    record SoftDeleted(Attributes attributes) implements SourceState {
        public SoftDeleted {
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    /** A user permanently deleted in the source (purged from its recycle bin, or never restorable). */
    record HardDeleted() implements SourceState {
    }

    /**
     * Whether the user is in scope of the connection (assigned and passing the scoping filters).
     *
     * @param reason why, in log words: the failed clause ({@code clause department EQUALS Sales failed}), the missing
     *               assignment, or the passing filter
     */
    record Scope(boolean inScope, String reason) {
        public Scope {
            Objects.requireNonNull(reason, "reason");
        }

        public static Scope in(String reason) {
            return new Scope(true, reason);
        }

        public static Scope out(String reason) {
            return new Scope(false, reason);
        }
    }
}
