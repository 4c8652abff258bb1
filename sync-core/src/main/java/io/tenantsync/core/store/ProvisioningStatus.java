package io.tenantsync.core.store;

import java.util.Locale;

/** Outcome of a log entry or of one of its steps, as Graph's {@code provisioningResult}. */
public enum ProvisioningStatus {
    SUCCESS,
    FAILURE,
    SKIPPED,
    WARNING;

    /** Graph's lower-case value. */
    public String graphValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
