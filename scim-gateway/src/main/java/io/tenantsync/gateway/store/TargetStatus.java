package io.tenantsync.gateway.store;

import java.util.Locale;

/** Where a resource stands in the target tenant. */
public enum TargetStatus {
    /** A change is waiting to be applied (or being retried). */
    PENDING,
    /** The latest change is applied. */
    SYNCED,
    /** The latest attempt failed and will be retried. */
    FAILED,
    /** The target refused the change (policy, consent); it will not be retried. */
    REFUSED;

    /** The value rendered in the target-state extension. */
    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
