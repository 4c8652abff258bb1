package io.tenantsync.cli;

/** A failure the user can act on: the command prints its message (no stack trace) and exits with status 1. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
