package io.tenantsync.core.mapping.expression;

import io.tenantsync.core.model.Attributes;

/** A compiled node: evaluates to a value of Entra's value model (see {@link Coercion}) or null. */
@FunctionalInterface
interface Term {

    Object evaluate(Attributes source, EvaluationContext context);

    static Term constant(Object value) {
        return (source, context) -> value;
    }
}
