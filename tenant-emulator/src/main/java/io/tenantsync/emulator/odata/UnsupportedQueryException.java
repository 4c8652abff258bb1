package io.tenantsync.emulator.odata;

import java.util.Locale;
import java.util.Objects;

/**
 * A well-formed query the directory cannot answer: an unknown property, a clause Graph does not support for a
 * property, or a type mismatch. {@link #code()} is the Graph error code to report.
 */
public final class UnsupportedQueryException extends RuntimeException {
    /** Code for clauses Graph recognises but does not support. */
    public static final String UNSUPPORTED_QUERY = "Request_UnsupportedQuery";
    /** Code for references to properties the entity does not have. */
    public static final String BAD_REQUEST = "BadRequest";

    private final String code;

    public UnsupportedQueryException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() { return code; }

    /** The Graph message for a filter clause that does not fit the property it names. */
    public static UnsupportedQueryException unsupportedClause(String property, String entityName) {
        return new UnsupportedQueryException(UNSUPPORTED_QUERY, "Unsupported or invalid query filter clause specified for property '"
                + property + "' of resource '" + resourceName(entityName) + "'.");
    }

    /** The Graph message for a property the entity type does not have (or does not let clients query). */
    public static UnsupportedQueryException unknownProperty(String property, String entityName) {
        return new UnsupportedQueryException(BAD_REQUEST, "Could not find a property named '" + property
                + "' on type 'microsoft.graph." + typeName(entityName) + "'.");
    }

    // Graph spells the entity "User" in resource messages and "microsoft.graph.user" in type names; accept either
    // spelling from the schema so callers need not care.
    static String resourceName(String entityName) {
        return entityName.isEmpty() ? entityName : entityName.substring(0, 1).toUpperCase(Locale.ROOT) + entityName.substring(1);
    }

    private static String typeName(String entityName) {
        return entityName.isEmpty() ? entityName : entityName.substring(0, 1).toLowerCase(Locale.ROOT) + entityName.substring(1);
    }
}
