package io.tenantsync.core.mapping.expression;

/** An {@code [attribute]} in an expression and the 1-based position of its '[', for validating names. */
public record AttributeReference(String name, int position) {
}
