package io.tenantsync.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one cycle did, for status pages and the CLI's summary.
 *
 * @param staged   deletions held back by the threshold
 * @param escrowed failures kept for retry
 * @param failed   failures given up on
 * @param error    why the cycle as a whole failed, null when it completed
 */
public record CycleSummary(String cycleId, CycleKind kind, Instant began, Instant ended, long created, long updated,
                           long disabled, long deleted, long restored, long staged, long skipped, long escrowed,
                           long failed, String error) {

    public CycleSummary {
        Objects.requireNonNull(cycleId, "cycleId");
        Objects.requireNonNull(kind, "kind");
        began = began.truncatedTo(ChronoUnit.MILLIS);
        ended = ended.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Whether the cycle ran to its end. */
    public boolean completed() {
        return error == null;
    }
}
