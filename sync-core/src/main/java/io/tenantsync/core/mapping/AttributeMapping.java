package io.tenantsync.core.mapping;

import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.mapping.expression.ExpressionResult;
import io.tenantsync.core.model.Attributes;
import java.util.Objects;

/**
 * One attribute mapping: the target attribute, where its value comes from, when it flows, an optional default used
 * on create when the source evaluates to null, and its matching precedence (0 = not used for matching; otherwise
 * lower values are tried first).
 */
public record AttributeMapping(String target, MappingSource source, ApplyMode apply, String defaultValue,
                               int matchingPrecedence) {

    public AttributeMapping {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(apply, "apply");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target attribute is blank");
        }
        if (matchingPrecedence < 0) {
            throw new IllegalArgumentException("matching precedence of " + target + " is negative");
        }
    }

    /** A mapping that flows always, without default, not used for matching. */
    public static AttributeMapping of(String target, MappingSource source) {
        return new AttributeMapping(target, source, ApplyMode.ALWAYS, null, 0);
    }

    /** This mapping with another apply mode. */
    public AttributeMapping withApply(ApplyMode mode) {
        return new AttributeMapping(target, source, mode, defaultValue, matchingPrecedence);
    }

    /** This mapping with a default value for create (null for none). */
    public AttributeMapping withDefault(String value) {
        return new AttributeMapping(target, source, apply, value, matchingPrecedence);
    }

    /** This mapping with a matching precedence (0 = not matching). */
    public AttributeMapping withMatchingPrecedence(int precedence) {
        return new AttributeMapping(target, source, apply, defaultValue, precedence);
    }

    /** Whether the mapping is used to match source and target objects. */
    public boolean isMatching() {
        return matchingPrecedence > 0;
    }

    /** This mapping's value for one source object. */
    public ExpressionResult evaluate(Attributes sourceObject, EvaluationContext context) {
        return source.evaluate(sourceObject, context, target);
    }
}
