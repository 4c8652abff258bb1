package io.tenantsync.emulator.odata;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An immutable parsed {@code $filter} expression. */
public sealed interface FilterExpr {

    /**
     * Whether Graph would only answer this filter as an "advanced query" (header {@code ConsistencyLevel: eventual}
     * plus {@code $count=true}): it uses {@code ne}, {@code not}, {@code endsWith}, {@code $count}, or a clause on
     * {@code onPremisesExtensionAttributes}.
     */
    boolean requiresAdvancedQuery();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of node, so consumers handle every kind or fail to compile. */
    interface Visitor<R> {
        R visitAnd(And and);
        R visitOr(Or or);
        R visitNot(Not not);
        R visitComparison(Comparison comparison);
        R visitIn(In in);
        R visitStringMatch(StringMatch match);
        R visitLambda(Lambda lambda);
        R visitCount(CountComparison count);
    }

    record And(FilterExpr left, FilterExpr right) implements FilterExpr {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override public boolean requiresAdvancedQuery() { return left.requiresAdvancedQuery() || right.requiresAdvancedQuery(); }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitAnd(this); }
    }

    record Or(FilterExpr left, FilterExpr right) implements FilterExpr {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override public boolean requiresAdvancedQuery() { return left.requiresAdvancedQuery() || right.requiresAdvancedQuery(); }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitOr(this); }
    }

    record Not(FilterExpr operand) implements FilterExpr {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override public boolean requiresAdvancedQuery() { return true; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitNot(this); }
    }

    /** {@code subject op value}, e.g. {@code mail eq 'a@b'}. */
    record Comparison(Operand subject, ComparisonOperator operator, Literal value) implements FilterExpr {
        public Comparison {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        @Override public boolean requiresAdvancedQuery() { return operator == ComparisonOperator.NE || onExtensionAttribute(subject); }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitComparison(this); }
    }

    /** {@code subject in (v1, v2, ...)}; at least one value. */
    record In(Operand subject, List<Literal> values) implements FilterExpr {
        public In {
            Objects.requireNonNull(subject, "subject");
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("'in' needs at least one value");
        }

        @Override public boolean requiresAdvancedQuery() { return onExtensionAttribute(subject); }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitIn(this); }
    }

    /** {@code startsWith(subject,'x')}, {@code endsWith(...)} or {@code contains(...)}. */
    record StringMatch(StringFunction function, Operand subject, String argument) implements FilterExpr {
        public StringMatch {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(argument, "argument");
        }

        @Override public boolean requiresAdvancedQuery() { return function == StringFunction.ENDS_WITH || onExtensionAttribute(subject); }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitStringMatch(this); }
    }

    /** {@code collection/any(variable: body)} or {@code collection/all(...)}. */
    record Lambda(Operand collection, LambdaOperator operator, String variable, FilterExpr body) implements FilterExpr {
        public Lambda {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(body, "body");
        }

        @Override public boolean requiresAdvancedQuery() { return body.requiresAdvancedQuery(); }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitLambda(this); }
    }

    /** {@code collection/$count op count}, e.g. {@code proxyAddresses/$count eq 0}. */
    record CountComparison(Operand collection, ComparisonOperator operator, long count) implements FilterExpr {
        public CountComparison {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(operator, "operator");
        }

        @Override public boolean requiresAdvancedQuery() { return true; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.visitCount(this); }
    }

    enum ComparisonOperator {
        EQ, NE, GT, GE, LT, LE;

        /** The operator spelled {@code keyword} in any case. */
        public static Optional<ComparisonOperator> fromKeyword(String keyword) {
            for (ComparisonOperator operator : values()) {
                if (operator.name().equalsIgnoreCase(keyword)) return Optional.of(operator);
            }
            return Optional.empty();
        }

        /** Whether {@code left op right} holds, given {@code comparison} = sign of left compared to right. */
        public boolean holdsFor(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
            };
        }

        public String keyword() { return name().toLowerCase(Locale.ROOT); }
    }

    enum StringFunction {
        STARTS_WITH("startswith"), ENDS_WITH("endswith"), CONTAINS("contains");

        private final String lowerName;

        StringFunction(String lowerName) { this.lowerName = lowerName; }

        /** The function spelled {@code name} in any case ({@code startsWith}, {@code startswith}, ...). */
        public static Optional<StringFunction> fromName(String name) {
            for (StringFunction function : values()) {
                if (function.lowerName.equalsIgnoreCase(name)) return Optional.of(function);
            }
            return Optional.empty();
        }

        /** Whether {@code value} matches {@code argument}, both already in the same case. */
        public boolean test(String value, String argument) {
            return switch (this) {
                case STARTS_WITH -> value.startsWith(argument);
                case ENDS_WITH -> value.endsWith(argument);
                case CONTAINS -> value.contains(argument);
            };
        }
    }

    enum LambdaOperator { ANY, ALL }

    private static boolean onExtensionAttribute(Operand subject) {
        return subject.unwrapped() instanceof Operand.Property property
                && property.path().size() > 1
                && property.path().get(0).equalsIgnoreCase("onPremisesExtensionAttributes");
    }
}
