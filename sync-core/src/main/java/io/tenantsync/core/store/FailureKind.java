package io.tenantsync.core.store;

/**
 * What kind of failure a target write met, as far as deciding the next step is concerned. The names are those of the
 * target directory's failure kinds, so one converts to the other by name.
 */
public enum FailureKind {
    /** Too many requests; the service usually says how long to wait ({@code Retry-After}). */
    THROTTLED,
    /** The service failed or could not be reached: 5xx, a timeout, a lost connection. */
    UNAVAILABLE,
    /** The object the write addressed does not exist (Entra's {@code InvalidAnchor}). */
    NOT_FOUND,
    /** Another object already holds a unique value, or the object already exists. */
    CONFLICT,
    /** The app lacks the permission, or a policy of the target forbids the write. */
    FORBIDDEN,
    /** The target refused the request as invalid. */
    BAD_REQUEST,
    /** The target refused the connection's credentials: nothing can be written until they are fixed. */
    CREDENTIALS
}
