package io.tenantsync.core.store;

/** The health of a connection as its scheduler sees it. */
public enum QuarantineState {
    /** Cycles run on the normal schedule. */
    HEALTHY,
    /** The last cycle left failures in escrow, below every quarantine threshold; cycles still run normally. */
    WARNING,
    /** Cycles run only at the back-off schedule's next attempt, until one succeeds or the connection is restarted. */
    QUARANTINED,
    /** Quarantined for longer than Entra tolerates (4 weeks): no more cycles until a restart. */
    STOPPED
}
