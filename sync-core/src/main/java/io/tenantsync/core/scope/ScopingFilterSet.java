package io.tenantsync.core.scope;

import io.tenantsync.core.model.Attributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scoping filters of one object mapping: a source object is in scope when any filter matches, and everything is in
 * scope when there are no filters (entra-semantics §2.1).
 */
public record ScopingFilterSet(List<ScopingFilter> filters) {

    private static final ScopingFilterSet EVERYTHING = new ScopingFilterSet(List.of());

    public ScopingFilterSet {
        filters = List.copyOf(filters);
        Set<String> titles = new HashSet<>();
        for (ScopingFilter filter : filters) {
            if (!titles.add(filter.title())) {
                // Titles key the ScopeEvaluationResult log map; two alike would hide one filter's outcome.
                throw new IllegalArgumentException("two scoping filters are titled '" + filter.title() + "'");
            }
        }
    }

    /** No filters: every object is in scope. */
    public static ScopingFilterSet everything() {
        return EVERYTHING;
    }

    public static ScopingFilterSet of(ScopingFilter... filters) {
        return new ScopingFilterSet(List.of(filters));
    }

    public boolean isEmpty() {
        return filters.isEmpty();
    }

    /** Whether the source is in scope: no filters, or at least one filter whose clauses are all true. */
    public boolean matches(Attributes source) {
        if (filters.isEmpty()) {
            return true;
        }
        for (ScopingFilter filter : filters) {
            if (filter.matches(source)) {
                return true;
            }
        }
        return false;
    }

    /** The first filter that matches the source, if any. */
    public Optional<ScopingFilter> firstMatchingFilter(Attributes source) {
        return filters.stream().filter(filter -> filter.matches(source)).findFirst();
    }

    /**
     * Why no filter matches, naming the first false clause of each filter, e.g.
     * {@code scoping filter 'Sales' failed: department EQUALS 'sales' is false (department is 'Marketing')}.
     * Empty when the source is in scope.
     */
    public Optional<String> explainMismatch(Attributes source) {
        if (matches(source)) {
            return Optional.empty();
        }
        List<String> failures = new ArrayList<>();
        for (ScopingFilter filter : filters) {
            filter.firstFailingClause(source).ifPresent(clause -> failures.add(
                    "scoping filter '" + filter.title() + "' failed: " + clause.explainMismatch(source)));
        }
        return Optional.of(String.join("; ", failures));
    }

    /**
     * Every clause's outcome keyed as Entra's {@code ScopeEvaluationResult} log detail does
     * ({@code "{filter title}.{attribute} {OPERATOR} '{value}'"}), in filter and clause order.
     */
    public Map<String, Boolean> evaluationResult(Attributes source) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        for (ScopingFilter filter : filters) {
            for (ScopingClause clause : filter.clauses()) {
                result.put(filter.logKey(clause), clause.matches(source));
            }
        }
        return Collections.unmodifiableMap(result);
    }
}
