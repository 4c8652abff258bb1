package io.tenantsync.conformance.check;

/** A check that cannot run against this endpoint, with the honest reason (never a failure in disguise). */
public final class CheckSkipped extends RuntimeException {
    public CheckSkipped(String reason) {
        super(reason, null, false, false);
    }
}
