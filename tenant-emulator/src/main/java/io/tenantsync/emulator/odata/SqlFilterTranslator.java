package io.tenantsync.emulator.odata;

import io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator;
import io.tenantsync.emulator.odata.FilterExpr.LambdaOperator;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Translates a {@link FilterExpr} into a SQL predicate over {@code DIRECTORY_OBJECT o} and {@code OBJECT_VALUE}.
 * Literals always travel as parameters. Atoms inside {@code not} are made two-valued so that, as in Graph,
 * {@code not(mail eq 'x')} also matches objects without a mail.
 */
public final class SqlFilterTranslator {
    /** Graph rejects an {@code in} with more values than this. */
    public static final int MAX_IN_VALUES = 15;

    private SqlFilterTranslator() {}

    /**
     * The predicate for {@code filter}; throws {@link UnsupportedQueryException} for unknown properties, type
     * mismatches and clauses the store cannot answer ({@code all}, lambdas on columns, ...).
     */
    public static SqlPredicate translate(FilterExpr filter, FilterSchema schema) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(schema, "schema");
        Translation translation = new Translation(schema, null);
        String sql = filter.accept(translation);
        if (translation.lookup == null) {
            return new SqlPredicate(sql, translation.params);
        }
        // again without the conjunct the lookup answers: testing it again on the looked-up objects made HSQLDB
        // evaluate its subquery per row
        Translation rest = new Translation(schema, translation.lookup);
        String restSql = filter.accept(rest);
        return new SqlPredicate(sql, translation.params, java.util.Optional.of(new ValueLookup(
                translation.lookup.property(), translation.lookup.valueLowerCase(), restSql, rest.params)));
    }

    /** What a lambda's range variable stands for while its body is translated. */
    private sealed interface Binding {
        String variable();

        Binding outer();
    }

    /** An element of a string collection: the {@code OBJECT_VALUE} row aliased {@code alias}. */
    private record StringElement(String variable, String alias, String property, Binding outer) implements Binding {}

    /** An element of a complex collection: any of its {@code OBJECT_VALUE} rows, aliased {@code alias}. */
    private record ComplexElement(String variable, String alias, String property, StoredProperty.ComplexCollection collection,
                                  Binding outer) implements Binding {}

    /** Something a clause compares: a column, or one sub-property of the complex element in scope. */
    private sealed interface Target {
        String property();

        ValueType type();

        /** True when the value is present and {@code condition} (SQL over the value, with {@code values}) holds. */
        String where(Translation tx, Function<String, String> condition, List<Object> values);

        String isNull(Translation tx);

        String isNotNull(Translation tx);

        /** Graph's {@code ne}: also true when the value is absent. */
        String notEqual(Translation tx, Object value);
    }

    private record ColumnTarget(String property, String sql, ValueType type) implements Target {
        @Override public String where(Translation tx, Function<String, String> condition, List<Object> values) {
            tx.params.addAll(values);
            String test = condition.apply(sql);
            // under NOT an UNKNOWN would stay UNKNOWN and drop the row; Graph treats absent as "not matching"
            return tx.negations > 0 ? "(" + sql + " IS NOT NULL AND " + test + ")" : test;
        }

        @Override public String isNull(Translation tx) { return sql + " IS NULL"; }

        @Override public String isNotNull(Translation tx) { return sql + " IS NOT NULL"; }

        @Override public String notEqual(Translation tx, Object value) {
            tx.params.add(value);
            return "(" + sql + " IS NULL OR " + sql + " <> ?)";
        }
    }

    private record SubPropertyTarget(String property, String elementAlias, String subProperty) implements Target {
        @Override public ValueType type() { return ValueType.STRING; }

        @Override public String where(Translation tx, Function<String, String> condition, List<Object> values) {
            return "EXISTS " + row(tx, condition, values);
        }

        @Override public String isNull(Translation tx) {
            return "NOT EXISTS " + row(tx, value -> value + " IS NOT NULL", List.of());
        }

        @Override public String isNotNull(Translation tx) {
            return "EXISTS " + row(tx, value -> value + " IS NOT NULL", List.of());
        }

        @Override public String notEqual(Translation tx, Object value) {
            return "NOT EXISTS " + row(tx, column -> column + " = ?", List.of(value));
        }

        /** The sub-property's row of the same element (same IDX) on which {@code condition} holds. */
        private String row(Translation tx, Function<String, String> condition, List<Object> values) {
            String s = tx.alias("s");
            String e = elementAlias;
            tx.params.add(subProperty);
            tx.params.addAll(values);
            return "(SELECT 1 FROM OBJECT_VALUE " + s + " WHERE " + s + ".TENANT_ID = " + e + ".TENANT_ID AND "
                    + s + ".OBJECT_ID = " + e + ".OBJECT_ID AND " + s + ".PROP = " + e + ".PROP AND "
                    + s + ".IDX = " + e + ".IDX AND " + s + ".SUB = ? AND " + condition.apply(s + ".VALUE_LC") + ")";
        }
    }

    private static final class Translation implements FilterExpr.Visitor<String> {
        private final FilterSchema schema;
        private final List<Object> params = new ArrayList<>();
        private int aliases;
        private int negations;
        private Binding scope;
        /** Whether the clause being translated must hold for the whole filter to hold (only ANDs above it). */
        private boolean conjunct = true;
        private ValueLookup lookup;
        /** The lookup a store answers already, whose conjunct this translation leaves out; null for none. */
        private final ValueLookup answered;

        Translation(FilterSchema schema, ValueLookup answered) {
            this.schema = schema;
            this.answered = answered;
        }

        @Override public String visitAnd(FilterExpr.And and) {
            String left = grouped(and.left());
            return left + " AND " + grouped(and.right());
        }

        @Override public String visitOr(FilterExpr.Or or) {
            boolean outer = conjunct;
            conjunct = false;
            try {
                String left = or.left().accept(this);
                return left + " OR " + or.right().accept(this);
            } finally {
                conjunct = outer;
            }
        }

        @Override public String visitNot(FilterExpr.Not not) {
            negations++;
            boolean outer = conjunct;
            conjunct = false;
            try {
                return "NOT (" + not.operand().accept(this) + ")";
            } finally {
                negations--;
                conjunct = outer;
            }
        }

        @Override public String visitComparison(FilterExpr.Comparison comparison) {
            Target target = target(comparison.subject());
            ComparisonOperator operator = comparison.operator();
            if (comparison.value() instanceof Literal.NullValue) {
                if (operator == ComparisonOperator.EQ) return target.isNull(this);
                if (operator == ComparisonOperator.NE) return target.isNotNull(this);
                throw unsupported(target.property());
            }
            Object value = parameter(target, comparison.value());
            if (operator == ComparisonOperator.NE) return target.notEqual(this, value);
            if (target.type() == ValueType.BOOLEAN && operator != ComparisonOperator.EQ) throw unsupported(target.property());
            String symbol = symbol(operator);
            return target.where(this, column -> column + " " + symbol + " ?", List.of(value));
        }

        @Override public String visitIn(FilterExpr.In in) {
            Target target = target(in.subject());
            if (in.values().size() > MAX_IN_VALUES) {
                throw new UnsupportedQueryException(UnsupportedQueryException.UNSUPPORTED_QUERY,
                        "Too many child clauses specified in search filter expression containing 'OR' operators: "
                                + in.values().size() + ". Max allowed: " + MAX_IN_VALUES + ".");
            }
            List<Object> values = new ArrayList<>();
            for (Literal literal : in.values()) values.add(parameter(target, literal));
            String placeholders = String.join(", ", Collections.nCopies(values.size(), "?"));
            return target.where(this, column -> column + " IN (" + placeholders + ")", values);
        }

        @Override public String visitStringMatch(FilterExpr.StringMatch match) {
            Target target = target(match.subject());
            if (target.type() != ValueType.STRING) throw unsupported(target.property());
            String escaped = escapeLike(match.argument().toLowerCase(Locale.ROOT));
            String pattern = switch (match.function()) {
                case STARTS_WITH -> escaped + "%";
                case ENDS_WITH -> "%" + escaped;
                case CONTAINS -> "%" + escaped + "%";
            };
            return target.where(this, column -> column + " LIKE ? ESCAPE '\\'", List.of(pattern));
        }

        @Override public String visitLambda(FilterExpr.Lambda lambda) {
            String property = lambda.collection().describe();
            StoredProperty stored = collection(lambda.collection());
            if (lambda.operator() == LambdaOperator.ALL) throw unsupported(property);
            String alias;
            Binding binding;
            String rows;
            if (stored instanceof StoredProperty.StringCollection strings) {
                alias = alias("v");
                binding = new StringElement(lambda.variable(), alias, property, scope);
                rows = ownRows(alias, strings.prop(), true);
            } else {
                StoredProperty.ComplexCollection complex = (StoredProperty.ComplexCollection) stored;
                alias = alias("e");
                binding = new ComplexElement(lambda.variable(), alias, property, complex, scope);
                rows = ownRows(alias, complex.prop(), false);
            }
            if (scope == null && conjunct && lookup == null && stored instanceof StoredProperty.StringCollection strings) {
                lookup = equalityLookup(lambda, strings.prop());
                if (lookup != null && answered != null) {
                    params.remove(params.size() - 1); // the PROP parameter ownRows added
                    return "TRUE";
                }
            }
            Binding outerScope = scope;
            int outerNegations = negations;
            boolean outerConjunct = conjunct;
            conjunct = false;
            // the body is the WHERE of its own subquery: UNKNOWN there already means "this row does not match"
            scope = binding;
            negations = 0;
            try {
                if (outerScope == null && stored instanceof StoredProperty.StringCollection) {
                    // a top-level any() over strings (e.g. otherMails/any(m:m eq '…')): an uncorrelated subquery,
                    // which HSQLDB evaluates once through the (PROP, VALUE_LC) index instead of once per object as
                    // the correlated EXISTS below; it still tests each object of the tenant, which a store avoids
                    // by starting from the ValueLookup of an equality instead
                    String body = grouped(lambda.body());
                    return "(o.TENANT_ID, o.ID) IN (SELECT " + alias + ".TENANT_ID, " + alias + ".OBJECT_ID FROM OBJECT_VALUE "
                            + alias + " WHERE " + alias + ".PROP = ? AND " + alias + ".SUB = '' AND " + body + ")";
                }
                return "EXISTS (SELECT 1 FROM OBJECT_VALUE " + alias + " WHERE " + rows + " AND " + grouped(lambda.body()) + ")";
            } finally {
                scope = outerScope;
                negations = outerNegations;
                conjunct = outerConjunct;
            }
        }

        /** {@code c/any(x: x eq 'v')}: the value the collection must hold; null for any other body. */
        private static ValueLookup equalityLookup(FilterExpr.Lambda lambda, String prop) {
            if (lambda.body() instanceof FilterExpr.Comparison comparison && comparison.operator() == ComparisonOperator.EQ
                    && comparison.subject().unwrapped() instanceof Operand.RangeVariable variable
                    && variable.name().equals(lambda.variable()) && variable.path().isEmpty()
                    && comparison.value() instanceof Literal.StringValue text) {
                return new ValueLookup(prop, text.value().toLowerCase(Locale.ROOT), "TRUE", List.of());
            }
            return null;
        }

        @Override public String visitCount(FilterExpr.CountComparison count) {
            StoredProperty stored = collection(count.collection());
            boolean strings = stored instanceof StoredProperty.StringCollection;
            String prop = strings ? ((StoredProperty.StringCollection) stored).prop() : ((StoredProperty.ComplexCollection) stored).prop();
            String alias = alias("v");
            String rows = ownRows(alias, prop, strings);
            if (count.count() == 0 && count.operator() == ComparisonOperator.EQ) {
                return "NOT EXISTS (SELECT 1 FROM OBJECT_VALUE " + alias + " WHERE " + rows + ")";
            }
            if (count.count() == 0 && count.operator() == ComparisonOperator.NE) {
                return "EXISTS (SELECT 1 FROM OBJECT_VALUE " + alias + " WHERE " + rows + ")";
            }
            params.add(count.count());
            return "(SELECT COUNT(DISTINCT " + alias + ".IDX) FROM OBJECT_VALUE " + alias + " WHERE " + rows + ") "
                    + symbol(count.operator()) + " ?";
        }

        /** Rows of the collection {@code prop} belonging to the object {@code o}; adds the PROP parameter. */
        private String ownRows(String alias, String prop, boolean stringCollection) {
            params.add(prop);
            return alias + ".TENANT_ID = o.TENANT_ID AND " + alias + ".OBJECT_ID = o.ID AND " + alias + ".PROP = ?"
                    + (stringCollection ? " AND " + alias + ".SUB = ''" : "");
        }

        /** The collection a lambda or {@code $count} ranges over; only top-level collections are stored. */
        private StoredProperty collection(Operand operand) {
            String property = operand.describe();
            if (!(operand instanceof Operand.Property path)) throw unsupported(property);
            StoredProperty stored = schema.resolve(path.path())
                    .orElseThrow(() -> UnsupportedQueryException.unknownProperty(property, schema.entityName()));
            if (stored instanceof StoredProperty.Column) throw unsupported(property);
            return stored;
        }

        private Target target(Operand operand) {
            Operand subject = operand.unwrapped();
            String property = operand.describe();
            Target target;
            if (subject instanceof Operand.Property path) {
                StoredProperty stored = schema.resolve(path.path())
                        .orElseThrow(() -> UnsupportedQueryException.unknownProperty(property, schema.entityName()));
                if (!(stored instanceof StoredProperty.Column column)) throw unsupported(property);
                target = new ColumnTarget(property, column.sql(), column.type());
            } else {
                target = rangeTarget((Operand.RangeVariable) subject);
            }
            if (operand instanceof Operand.ToLower && target.type() != ValueType.STRING) throw unsupported(target.property());
            return target;
        }

        private Target rangeTarget(Operand.RangeVariable variable) {
            Binding binding = scope;
            while (binding != null && !binding.variable().equals(variable.name())) binding = binding.outer();
            if (binding == null) throw unsupported(variable.describe());
            if (binding instanceof StringElement element) {
                if (!variable.path().isEmpty()) throw unsupported(element.property() + "/" + String.join("/", variable.path()));
                return new ColumnTarget(element.property(), element.alias() + ".VALUE_LC", ValueType.STRING);
            }
            ComplexElement element = (ComplexElement) binding;
            String named = element.property() + (variable.path().isEmpty() ? "" : "/" + String.join("/", variable.path()));
            if (variable.path().size() != 1) throw unsupported(named);
            String sub = element.collection().canonicalSubProperty(variable.path().get(0));
            if (sub == null) throw unsupported(named);
            return new SubPropertyTarget(element.property() + "/" + sub, element.alias(), sub);
        }

        /** The literal as the JDBC parameter the target's column type needs. */
        private Object parameter(Target target, Literal literal) {
            switch (target.type()) {
                case STRING:
                    if (literal instanceof Literal.StringValue text) return text.value().toLowerCase(Locale.ROOT);
                    break;
                case BOOLEAN:
                    if (literal instanceof Literal.BooleanValue bool) return bool.value();
                    break;
                case DATETIME:
                    if (literal instanceof Literal.DateTimeValue time) return Timestamp.from(time.value());
                    break;
                case INTEGER:
                    if (literal instanceof Literal.IntegerValue number) return number.value();
                    break;
            }
            throw unsupported(target.property());
        }

        /** An OR below an AND (or as a lambda body after "AND") needs parentheses to keep its meaning. */
        private String grouped(FilterExpr expression) {
            String sql = expression.accept(this);
            return expression instanceof FilterExpr.Or ? "(" + sql + ")" : sql;
        }

        private String alias(String prefix) { return prefix + (++aliases); }

        private UnsupportedQueryException unsupported(String property) {
            return UnsupportedQueryException.unsupportedClause(property, schema.entityName());
        }
    }

    private static String symbol(ComparisonOperator operator) {
        return switch (operator) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
        };
    }

    private static String escapeLike(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '%' || c == '_') escaped.append('\\');
            escaped.append(c);
        }
        return escaped.toString();
    }
}
