package io.tenantsync.core.scope;

/** A scoping clause that cannot be evaluated: unknown operator, missing or non-integer value, or a bad regex. */
public final class InvalidScopingClauseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidScopingClauseException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidScopingClauseException(String message) {
        super(message);
    }
}
