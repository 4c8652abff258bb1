package io.tenantsync.core.scope;

import io.tenantsync.core.scope.ScopeDecision.ScopeCheck;
import java.util.Objects;

/**
 * Decides whether a source user is in scope: assignment scope first, then the scoping filters (both must hold,
 * entra-semantics §2.2 "scoping filters apply in addition"). Immutable and thread-safe; build one per connection.
 */
public final class ScopeEvaluator {

    private final AssignmentScope assignment;
    private final ScopingFilterSet filters;

    public ScopeEvaluator(AssignmentScope assignment, ScopingFilterSet filters) {
        this.assignment = Objects.requireNonNull(assignment, "assignment");
        this.filters = Objects.requireNonNull(filters, "filters");
    }

    public AssignmentScope assignment() {
        return assignment;
    }

    public ScopingFilterSet filters() {
        return filters;
    }

    public ScopeDecision evaluate(ScopeSubject subject) {
        if (!assignment.includes(subject.userId(), subject.directGroupIds())) {
            return new ScopeDecision.OutOfScope(ScopeCheck.ASSIGNED_TO_THE_APPLICATION,
                    "not assigned: the user is neither assigned directly nor a direct member of an assigned group"
                            + " (membership through nested groups does not count)");
        }
        String assignedBecause = assignment instanceof AssignmentScope.AllUsers ? "scope is all users" : "assigned";
        if (filters.isEmpty()) {
            return new ScopeDecision.InScope(assignedBecause + "; no scoping filters");
        }
        return filters.firstMatchingFilter(subject.attributes())
                .<ScopeDecision>map(filter -> new ScopeDecision.InScope(
                        assignedBecause + "; scoping filter '" + filter.title() + "' passed"))
                .orElseGet(() -> new ScopeDecision.OutOfScope(ScopeCheck.SCOPING_FILTER_EVALUATION,
                        filters.explainMismatch(subject.attributes()).orElseThrow()));
    }
}
