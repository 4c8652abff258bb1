package io.tenantsync.core.job;

import io.tenantsync.core.store.WriteFailure;
import java.util.Objects;

/** What became of a decision's write. */
public sealed interface ExportResult {

    /** The write was done (or, for a skip, nothing needed doing). */
    record Applied() implements ExportResult {
    }

    /** A deprovisioning held back by the deletion threshold. */
    record Held(long plannedDeletions, int threshold) implements ExportResult {
    }

    /**
     * The write failed.
     *
     * @param escrowed whether it will be retried; false when given up for good
     */
    record Failed(WriteFailure failure, boolean escrowed) implements ExportResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static ExportResult applied() {
        return new Applied();
    }
}
