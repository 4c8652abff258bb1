package io.tenantsync.emulator.odata;

import java.util.Locale;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The object ids a filter confines its matches to, when its clauses on {@code id} ({@code id eq '…'},
 * {@code id in (…)}) bound it: then a store can look those objects up by key and apply the whole filter to them
 * alone, instead of testing every object of the tenant. Ids come back lower-cased (stored ids are), in id order.
 *
 * <p>Only bounds that are sure count: an {@code and} is bounded when either side is (by the intersection when both
 * are), an {@code or} only when both sides are; anything under {@code not}, in a lambda, or on another property
 * bounds nothing.
 */
public final class FilterKeys {

    private FilterKeys() {}

    /** The ids every match of {@code filter} is among, or empty when the filter does not bound them. */
    public static Optional<NavigableSet<String>> of(FilterExpr filter) {
        if (filter instanceof FilterExpr.And and) {
            Optional<NavigableSet<String>> left = of(and.left());
            Optional<NavigableSet<String>> right = of(and.right());
            if (left.isPresent() && right.isPresent()) {
                NavigableSet<String> both = new TreeSet<>(left.get());
                both.retainAll(right.get());
                return Optional.of(both);
            }
            return left.isPresent() ? left : right;
        }
        if (filter instanceof FilterExpr.Or or) {
            Optional<NavigableSet<String>> left = of(or.left());
            Optional<NavigableSet<String>> right = of(or.right());
            if (left.isEmpty() || right.isEmpty()) return Optional.empty();
            NavigableSet<String> either = new TreeSet<>(left.get());
            either.addAll(right.get());
            return Optional.of(either);
        }
        if (filter instanceof FilterExpr.Comparison comparison && isId(comparison.subject())
                && comparison.operator() == FilterExpr.ComparisonOperator.EQ
                && comparison.value() instanceof Literal.StringValue id) {
            NavigableSet<String> one = new TreeSet<>();
            one.add(id.value().toLowerCase(Locale.ROOT));
            return Optional.of(one);
        }
        if (filter instanceof FilterExpr.In in && isId(in.subject())) {
            NavigableSet<String> ids = new TreeSet<>();
            for (Literal value : in.values()) {
                if (!(value instanceof Literal.StringValue id)) return Optional.empty();
                ids.add(id.value().toLowerCase(Locale.ROOT));
            }
            return Optional.of(ids);
        }
        return Optional.empty();
    }

    private static boolean isId(Operand operand) {
        return operand.unwrapped() instanceof Operand.Property property && property.path().size() == 1
                && property.path().get(0).equalsIgnoreCase("id");
    }
}
