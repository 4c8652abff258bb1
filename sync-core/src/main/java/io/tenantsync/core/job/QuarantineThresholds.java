package io.tenantsync.core.job;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The numbers of Entra's quarantine (entra-semantics §3.4, "subject to change" there, so configurable here).
 *
 * @param evaluationFloor   escrow thresholds are only evaluated from this many non-reference failures
 * @param baseEscrow        more non-reference failures than this quarantine
 * @param proportion        a larger share of failed objects among those processed quarantines
 * @param totalEscrow       more failures than this, references included, quarantine regardless of the floor
 * @param backOff           delays of the first retries after entering quarantine, counted from when the series began
 * @param thereafter        the interval of every later retry
 * @param giveUpAfter       a series longer than this stops the job
 */
public record QuarantineThresholds(long evaluationFloor, long baseEscrow, double proportion, long totalEscrow,
                                   List<Duration> backOff, Duration thereafter, Duration giveUpAfter) {

    public QuarantineThresholds {
        backOff = List.copyOf(backOff);
        Objects.requireNonNull(thereafter, "thereafter");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (backOff.isEmpty()) {
            throw new IllegalArgumentException("the back-off has at least one step");
        }
        if (proportion <= 0 || proportion >= 1) {
            throw new IllegalArgumentException("the proportion is between 0 and 1, not " + proportion);
        }
    }

    /** Entra's: from 5,000 failures, over 40,000 or over 40%; over 60,000 in all; retries at +6 h, +12 h, +24 h, then daily; 28 days. */
    public static QuarantineThresholds entra() {
        return new QuarantineThresholds(5_000, 40_000, 0.40, 60_000,
                List.of(Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(24)), Duration.ofHours(24),
                Duration.ofDays(28));
    }
}
