package io.tenantsync.emulator.odata;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates a {@link FilterExpr} over a Graph JSON object, for the small collections the store does not index.
 * Strings compare case-insensitively (as directory strings do), datetimes as instants, unknown properties read as
 * null, and {@code ne} holds for null values.
 */
public final class JsonFilterEvaluator {
    private JsonFilterEvaluator() {}

    /** Whether {@code entity} satisfies {@code filter}; never throws for a parsed filter. */
    public static boolean matches(FilterExpr filter, JsonNode entity) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(entity, "entity");
        return filter.accept(new Evaluation(entity, null));
    }

    /** Range variables in scope, innermost first. */
    private record Scope(String variable, JsonNode value, Scope outer) {}

    private static final class Evaluation implements FilterExpr.Visitor<Boolean> {
        private final JsonNode entity;
        private final Scope scope;

        Evaluation(JsonNode entity, Scope scope) {
            this.entity = entity;
            this.scope = scope;
        }

        @Override public Boolean visitAnd(FilterExpr.And and) { return and.left().accept(this) && and.right().accept(this); }

        @Override public Boolean visitOr(FilterExpr.Or or) { return or.left().accept(this) || or.right().accept(this); }

        @Override public Boolean visitNot(FilterExpr.Not not) { return !not.operand().accept(this); }

        @Override public Boolean visitComparison(FilterExpr.Comparison comparison) {
            return compare(value(comparison.subject()), comparison.operator(), comparison.value());
        }

        @Override public Boolean visitIn(FilterExpr.In in) {
            JsonNode value = value(in.subject());
            for (Literal literal : in.values()) {
                if (compare(value, ComparisonOperator.EQ, literal)) return true;
            }
            return false;
        }

        @Override public Boolean visitStringMatch(FilterExpr.StringMatch match) {
            JsonNode value = value(match.subject());
            if (value == null || !value.isValueNode()) return false;
            return match.function().test(value.asText().toLowerCase(Locale.ROOT), match.argument().toLowerCase(Locale.ROOT));
        }

        @Override public Boolean visitLambda(FilterExpr.Lambda lambda) {
            JsonNode collection = value(lambda.collection());
            boolean any = lambda.operator() == FilterExpr.LambdaOperator.ANY;
            // an absent collection has no elements: any() is false, all() vacuously true
            if (collection == null || !collection.isArray()) return !any;
            for (JsonNode element : collection) {
                boolean holds = lambda.body().accept(new Evaluation(entity, new Scope(lambda.variable(), element, scope)));
                if (any && holds) return true;
                if (!any && !holds) return false;
            }
            return !any;
        }

        @Override public Boolean visitCount(FilterExpr.CountComparison count) {
            JsonNode collection = value(count.collection());
            long size = collection != null && collection.isArray() ? collection.size() : 0;
            return count.operator().holdsFor(Long.compare(size, count.count()));
        }

        /** The operand's value, or null when absent or JSON null. */
        private JsonNode value(Operand operand) {
            Operand subject = operand.unwrapped();
            JsonNode node;
            List<String> path;
            if (subject instanceof Operand.Property property) {
                node = entity;
                path = property.path();
            } else {
                Operand.RangeVariable variable = (Operand.RangeVariable) subject;
                Scope binding = scope;
                while (binding != null && !binding.variable().equals(variable.name())) binding = binding.outer();
                if (binding == null) return null;
                node = binding.value();
                path = variable.path();
            }
            for (String segment : path) {
                node = field(node, segment);
                if (node == null) return null;
            }
            return node.isNull() || node.isMissingNode() ? null : node;
        }

        private static JsonNode field(JsonNode node, String name) {
            if (node == null || !node.isObject()) return null;
            JsonNode exact = node.get(name);
            if (exact != null) return exact;
            // Graph property names in filters are case-insensitive
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equalsIgnoreCase(name)) return field.getValue();
            }
            return null;
        }
    }

    private static boolean compare(JsonNode value, ComparisonOperator operator, Literal literal) {
        if (literal instanceof Literal.NullValue) {
            if (operator == ComparisonOperator.EQ) return value == null;
            if (operator == ComparisonOperator.NE) return value != null;
            return false;
        }
        if (value == null) return operator == ComparisonOperator.NE;
        Optional<Integer> order = order(value, literal);
        // values of different kinds are never equal and never ordered
        return order.map(operator::holdsFor).orElse(operator == ComparisonOperator.NE);
    }

    /** The sign of {@code value} compared with {@code literal}, or empty when they are not comparable. */
    private static Optional<Integer> order(JsonNode value, Literal literal) {
        if (literal instanceof Literal.StringValue text) {
            if (!value.isValueNode()) return Optional.empty();
            String actual = value.asText();
            Optional<Instant> left = Literal.DateTimeValue.parseInstant(actual);
            Optional<Instant> right = Literal.DateTimeValue.parseInstant(text.value());
            if (left.isPresent() && right.isPresent()) return Optional.of(Integer.signum(left.get().compareTo(right.get())));
            return Optional.of(Integer.signum(actual.toLowerCase(Locale.ROOT).compareTo(text.value().toLowerCase(Locale.ROOT))));
        }
        if (literal instanceof Literal.DateTimeValue time) {
            if (!value.isTextual()) return Optional.empty();
            return Literal.DateTimeValue.parseInstant(value.asText()).map(instant -> Integer.signum(instant.compareTo(time.value())));
        }
        if (literal instanceof Literal.BooleanValue bool) {
            if (!value.isBoolean()) return Optional.empty();
            return Optional.of(Boolean.compare(value.booleanValue(), bool.value()));
        }
        if (literal instanceof Literal.IntegerValue number) {
            if (!value.isNumber()) return Optional.empty();
            return Optional.of(value.decimalValue().compareTo(BigDecimal.valueOf(number.value())));
        }
        return Optional.empty();
    }
}
