package io.tenantsync.gateway.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A filter translated to SQL over the alias {@code r} of {@code SCIM_RESOURCE}.
 *
 * @param exact     the predicate selects exactly the matching resources; otherwise it selects a superset the
 *                  caller narrows by evaluating the filter on each candidate
 * @param selective the predicate narrows the rows through an index (equality, prefix or range on an indexed
 *                  column), so candidates never amount to every resource of the connection
 */
record SqlPredicate(String sql, List<Object> params, boolean exact, boolean selective) {
    /** Matches every row and says nothing: the part of a filter with no column behind it. */
    static final SqlPredicate UNINDEXED = new SqlPredicate("TRUE", List.of(), false, false);

    SqlPredicate and(SqlPredicate other) {
        return new SqlPredicate("(" + sql + " AND " + other.sql + ")", concat(params, other.params),
                exact && other.exact, selective || other.selective);
    }

    SqlPredicate or(SqlPredicate other) {
        if (!exact && !selective || !other.exact && !other.selective) return UNINDEXED;
        return new SqlPredicate("(" + sql + " OR " + other.sql + ")", concat(params, other.params),
                exact && other.exact, selective && other.selective);
    }

    SqlPredicate not() {
        // SQL's NOT keeps UNKNOWN (absent attributes) out; SCIM's "not" lets them in
        return exact ? new SqlPredicate("((" + sql + ") IS NOT TRUE)", params, true, false) : UNINDEXED;
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
