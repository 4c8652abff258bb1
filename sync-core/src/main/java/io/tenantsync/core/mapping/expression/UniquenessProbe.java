package io.tenantsync.core.mapping.expression;

/** Answers SelectUniqueValue's question: does the target already hold this value for this attribute? */
@FunctionalInterface
public interface UniquenessProbe {

    boolean isTaken(String targetAttribute, String value);

    /** A probe for evaluations that can't see a target: every value is free. */
    static UniquenessProbe nothingTaken() {
        return (attribute, value) -> false;
    }
}
