package io.tenantsync.core.mapping;

import io.tenantsync.core.mapping.expression.ExpressionResult;
import java.time.Instant;
import java.util.List;

/**
 * The type of a target attribute, which decides how a mapped value is written: Entra's expressions produce text,
 * Graph wants booleans as booleans and collections as lists.
 */
public enum AttributeType {
    STRING,
    BOOLEAN,
    STRING_COLLECTION,
    /** Graph DateTimeOffset: written as ISO 8601 in UTC. */
    DATE_TIME,
    /** A directory-object reference such as manager: the source object's id, resolved to a target id later. */
    REFERENCE,
    /** An attribute the schema doesn't know (directory extensions): booleans, numbers and lists are kept as they are. */
    UNTYPED;

    /** The value as {@link io.tenantsync.core.model.Attributes} stores it for this type. */
    Object convert(ExpressionResult.Value result) {
        Object value = result.value();
        return switch (this) {
            case STRING, REFERENCE -> result.text();
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                String text = result.text();
                // Entra writes "True"/"true"/"TRUE"; anything else is passed on for the target to refuse
                yield "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : text;
            }
            case STRING_COLLECTION -> result.texts();
            case DATE_TIME -> value instanceof Instant instant ? instant.toString() : result.text();
            case UNTYPED -> {
                if (value instanceof Boolean || value instanceof Long || value instanceof String) {
                    yield value;
                }
                yield value instanceof List<?> ? result.texts() : result.text();
            }
        };
    }
}
