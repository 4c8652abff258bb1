package io.tenantsync.core.scope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scope of a connection as written in its YAML/JSON configuration, read by Jackson:
 * <pre>
 * assignment: ASSIGNED            # or ALL_USERS; ASSIGNED when omitted, the CTS default (SyncAll=false)
 * assignedUsers: [ "0b1c…" ]
 * assignedGroups: [ "9f8e…" ]
 * filters:
 *   - title: Sales
 *     clauses:
 *       - { attribute: department, operator: EQUALS, value: Sales }
 *       - { attribute: accountEnabled, operator: IS TRUE }
 * </pre>
 * Omitted lists are empty. {@link #problems()} lists every mistake at once; {@link #toEvaluator()} compiles it.
 */
public record ScopeConfig(AssignmentMode assignment, List<String> assignedUsers, List<String> assignedGroups,
                          List<ScopingFilterConfig> filters) {

    public ScopeConfig {
        assignment = assignment == null ? AssignmentMode.ASSIGNED : assignment;
        // Null-tolerant copies: a stray "- " in YAML is a problem to report, not a construction failure.
        assignedUsers = copyOf(assignedUsers);
        assignedGroups = copyOf(assignedGroups);
        filters = copyOf(filters);
    }

    /** "Sync all users and groups" or "Sync only assigned users and groups". */
    public enum AssignmentMode { ALL_USERS, ASSIGNED }

    /** One scoping filter; an omitted title becomes {@code Scoping filter N} (1-based position). */
    public record ScopingFilterConfig(String title, List<ScopingClauseConfig> clauses) {
        public ScopingFilterConfig {
            clauses = copyOf(clauses);
        }
    }

    /** One clause; {@code value} is ignored by the unary operators ({@code IS TRUE}, {@code IS NULL}, …). */
    public record ScopingClauseConfig(String attribute, String operator, String value) {
    }

    /** Every reason this configuration cannot be used, each naming the filter and clause; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (assignment == AssignmentMode.ALL_USERS && !(assignedUsers.isEmpty() && assignedGroups.isEmpty())) {
            problems.add("assignedUsers and assignedGroups are ignored when assignment is ALL_USERS; remove them"
                    + " or set assignment to ASSIGNED");
        }
        blankIds("assignedUsers", assignedUsers, problems);
        blankIds("assignedGroups", assignedGroups, problems);
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            ScopingFilterConfig filter = filters.get(i);
            String title = titleOf(filter, i);
            if (filter == null) {
                problems.add("scoping filter " + (i + 1) + " is empty");
                continue;
            }
            if (!titles.add(title)) {
                problems.add("scoping filter '" + title + "': another filter has the same title");
            }
            if (filter.clauses().isEmpty()) {
                problems.add("scoping filter '" + title + "' has no clauses");
            }
            for (int c = 0; c < filter.clauses().size(); c++) {
                ScopingClauseConfig clause = filter.clauses().get(c);
                try {
                    compile(clause);
                } catch (InvalidScopingClauseException invalid) {
                    problems.add("scoping filter '" + title + "', clause " + (c + 1) + ": " + invalid.getMessage());
                }
            }
        }
        return List.copyOf(problems);
    }

    /**
     * The evaluator this configuration describes.
     *
     * @throws IllegalArgumentException listing every problem when the configuration is invalid
     */
    public ScopeEvaluator toEvaluator() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scope configuration: " + String.join("; ", problems));
        }
        AssignmentScope assignmentScope = assignment == AssignmentMode.ALL_USERS
                ? AssignmentScope.allUsers()
                : AssignmentScope.assigned(new LinkedHashSet<>(assignedUsers), new LinkedHashSet<>(assignedGroups));
        List<ScopingFilter> compiled = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            ScopingFilterConfig filter = filters.get(i);
            compiled.add(new ScopingFilter(titleOf(filter, i),
                    filter.clauses().stream().map(ScopeConfig::compile).toList()));
        }
        return new ScopeEvaluator(assignmentScope, new ScopingFilterSet(compiled));
    }

    private static ScopingClause compile(ScopingClauseConfig clause) {
        if (clause == null) {
            throw new InvalidScopingClauseException("the clause is empty");
        }
        return ScopingClause.of(clause.attribute(), clause.operator(), clause.value());
    }

    private static <T> List<T> copyOf(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static String titleOf(ScopingFilterConfig filter, int index) {
        return filter == null || filter.title() == null || filter.title().isBlank()
                ? "Scoping filter " + (index + 1)
                : filter.title().strip();
    }

    private static void blankIds(String field, List<String> ids, List<String> problems) {
        if (ids.stream().anyMatch(id -> id == null || id.isBlank())) {
            problems.add(field + " contains an empty id");
        }
    }
}
