package io.tenantsync.core.store;

import java.util.Objects;

/**
 * A failed target write, as recorded: never the request or credentials, only what the service said.
 *
 * @param errorCode the service's error code (e.g. {@code Request_BadRequest}, {@code TooManyRequests})
 * @param message   its message, cut to {@value #MAX_MESSAGE} characters
 */
public record WriteFailure(FailureKind kind, String errorCode, String message) {

    public static final int MAX_MESSAGE = 4000;

    public WriteFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errorCode, "errorCode");
        message = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }
}
