package io.tenantsync.conformance.check;

/** A check's finding: what was expected and, in the message, what was sent and what came back. */
public final class CheckFailed extends RuntimeException {
    public CheckFailed(String message) {
        super(message, null, false, false);
    }
}
