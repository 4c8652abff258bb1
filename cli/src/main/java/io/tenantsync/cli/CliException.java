package io.tenantsync.cli;

/**
 * A failure the user can act on: the command prints its message (no stack trace) and exits with its status, 1 unless
 * said otherwise ({@link #USAGE} for a configuration the command cannot use).
 */
public final class CliException extends RuntimeException {
    /** The exit status of a bad command line or configuration file, as picocli's own usage errors. */
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(String message) {
        this(message, 1);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
