package io.tenantsync.core.mapping.expression;

import java.util.List;
import java.util.Objects;

/**
 * What an expression gave for one object. A mapping treats these differently: a value flows; null flows nothing
 * (and lets a default value apply on create); ignored drops the attribute from the flow altogether
 * (IgnoreFlowIfNullOrEmpty); no unique value means the object can't be provisioned yet (SelectUniqueValue).
 */
public sealed interface ExpressionResult {

    ExpressionResult NULL = new Null();
    ExpressionResult IGNORED = new Ignored();

    /** {@link #NULL} for null or an empty multi-valued value, else the value. */
    static ExpressionResult of(Object value) {
        return Coercion.isNull(value) ? NULL : new Value(value);
    }

    /**
     * A value: {@link String}, {@link Long}, {@link Boolean}, {@link java.time.Instant} (Entra's DateTime) or a
     * {@link List} of those.
     */
    record Value(Object value) implements ExpressionResult {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        /** Entra's text form: True/False, M/d/yyyy h:mm:ss tt for a DateTime, the first value of a list. */
        public String text() {
            return Coercion.text(value);
        }

        /** The text form of every value: one for a single value, each of a list's. */
        public List<String> texts() {
            if (value instanceof List<?> list) {
                return list.stream().map(Coercion::text).toList();
            }
            return List.of(Coercion.text(value));
        }
    }

    /** The expression evaluated to null: nothing flows; a default value applies on create. */
    record Null() implements ExpressionResult {
    }

    /** IgnoreFlowIfNullOrEmpty found null or empty: the attribute is left out, with no default. */
    record Ignored() implements ExpressionResult {
    }

    /** SelectUniqueValue found every candidate taken, in rule order. */
    record NoUniqueValue(List<String> candidates) implements ExpressionResult {
        public NoUniqueValue {
            candidates = List.copyOf(candidates);
        }
    }
}
