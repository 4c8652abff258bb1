package io.tenantsync.core.scope;

import java.util.Objects;

/** Whether a source user is in scope, with a reason a provisioning log can quote. */
public sealed interface ScopeDecision {

    boolean inScope();

    String reason();

    /** @param reason why the user is in scope, e.g. {@code assigned directly; scoping filter 'Sales' passed} */
    record InScope(String reason) implements ScopeDecision {
        public InScope {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean inScope() {
            return true;
        }
    }

    /**
     * @param failedCheck which check excluded the user, labelled as Entra's on-demand provisioning labels it
     * @param reason      why, naming the failing clause when a scoping filter excluded the user
     */
    record OutOfScope(ScopeCheck failedCheck, String reason) implements ScopeDecision {
        public OutOfScope {
            Objects.requireNonNull(failedCheck, "failedCheck");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean inScope() {
            return false;
        }
    }

    /** The scoping checks, with the labels of Entra's on-demand provisioning details (entra-semantics §2.2). */
    enum ScopeCheck {
        ASSIGNED_TO_THE_APPLICATION("Assigned to the application"),
        SCOPING_FILTER_EVALUATION("Scoping filter evaluation passed");

        private final String label;

        ScopeCheck(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
