package io.tenantsync.core.target;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed call on the target directory, classified so the engine can decide without reading messages: retry later
 * (escrow), quarantine the connection, or record a failure for the one object.
 */
public final class TargetDirectoryException extends RuntimeException {

    /** What went wrong, as far as the caller's next step is concerned. */
    public enum Kind {
        /** Too many requests even after the client's own bounded retries; {@link #retryAfter()} says how long to wait. */
        THROTTLED,
        /** The service failed or could not be reached: 5xx, a timeout, a lost connection, a TLS failure. */
        UNAVAILABLE,
        /** The object does not exist (or is not where the call looked for it). */
        NOT_FOUND,
        /** Another object already holds a unique value, or the object already exists. */
        CONFLICT,
        /** The app is known but lacks the permission for this call, or the tenant's policy forbids it. */
        FORBIDDEN,
        /** The request was refused as invalid: a value Graph does not accept, a reference that already exists. */
        BAD_REQUEST,
        /** The identity platform refused the client (invalid or expired secret, unknown app or tenant), or Graph refused its token. */
        CREDENTIALS
    }

    /** Stands in for the Graph error code when the failure never reached Graph (a timeout, a refused connection). */
    public static final String NO_RESPONSE = "NoResponse";

    private final Kind kind;
    private final String errorCode;
    private final int httpStatus;
    private final Duration retryAfter;
    private final String createdObjectId;

    /**
     * @param errorCode  Graph's {@code error.code}, the identity platform's {@code error} (e.g. {@code invalid_client}),
     *                   or {@link #NO_RESPONSE}
     * @param httpStatus the response status, or 0 when there was no response
     * @param retryAfter how long the service asked to wait; null when it did not say
     */
    public TargetDirectoryException(Kind kind, String errorCode, String message, int httpStatus, Duration retryAfter,
                                    Throwable cause) {
        this(kind, errorCode, kind + " " + errorCode + ": " + message, httpStatus, retryAfter, cause, null);
    }

    private TargetDirectoryException(Kind kind, String errorCode, String fullMessage, int httpStatus,
                                     Duration retryAfter, Throwable cause, String createdObjectId) {
        super(fullMessage, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.createdObjectId = createdObjectId;
    }

    /**
     * This failure, of a creation that had already made the target object {@code objectId} (a write after the
     * invitation failed): the caller links the object, so that its retry, or a deprovisioning meanwhile, acts on it.
     */
    public TargetDirectoryException afterCreating(String objectId) {
        TargetDirectoryException failure = new TargetDirectoryException(kind, errorCode, getMessage(), httpStatus,
                retryAfter, getCause(), Objects.requireNonNull(objectId, "objectId"));
        failure.setStackTrace(getStackTrace());
        return failure;
    }

    /** The object a failed creation made before it failed; empty when it made none (or the failure was no creation). */
    public Optional<String> createdObjectId() {
        return Optional.ofNullable(createdObjectId);
    }

    public Kind kind() {
        return kind;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status of the failed response, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The wait the service asked for ({@code Retry-After}); empty when it did not say. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
