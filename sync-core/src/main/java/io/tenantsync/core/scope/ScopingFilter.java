package io.tenantsync.core.scope;

import io.tenantsync.core.model.Attributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scoping filter: a titled set of clauses that must all be true (entra-semantics §2.1). The title appears in
 * provisioning logs, e.g. {@code Marketing department filter.department EQUALS 'Marketing'}.
 */
public record ScopingFilter(String title, List<ScopingClause> clauses) {

    public ScopingFilter {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a scoping filter needs a title");
        }
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) {
            // An empty AND would put everyone in scope, which is never what a filter without clauses was meant to do.
            throw new IllegalArgumentException("scoping filter '" + title + "' has no clauses");
        }
    }

    public static ScopingFilter of(String title, ScopingClause... clauses) {
        return new ScopingFilter(title, List.of(clauses));
    }

    /** Whether every clause is true for the source. */
    public boolean matches(Attributes source) {
        for (ScopingClause clause : clauses) {
            if (!clause.matches(source)) {
                return false;
            }
        }
        return true;
    }

    /** The first clause, in order, that is false for the source; empty when the filter matches. */
    public Optional<ScopingClause> firstFailingClause(Attributes source) {
        return clauses.stream().filter(clause -> !clause.matches(source)).findFirst();
    }

    /** The key Entra's {@code ScopeEvaluationResult} uses for one clause of this filter. */
    public String logKey(ScopingClause clause) {
        Objects.requireNonNull(clause, "clause");
        return title + "." + clause.describe();
    }
}
