package io.tenantsync.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A connection's quarantine, as Graph's {@code synchronizationQuarantine} plus its state.
 *
 * @param reason       why it is quarantined; null unless quarantined or stopped
 * @param error        the error that caused it, in words (never a secret); null when none
 * @param seriesBegan  when the current series of quarantines began; null when healthy or warning
 * @param currentBegan when the current quarantine was last (re-)confirmed; null when healthy or warning
 * @param nextAttempt  when the next cycle may run; null means on the normal schedule (or never, when stopped)
 * @param seriesCount  how many times this series was re-evaluated and left in effect
 */
public record QuarantineStatus(QuarantineState state, QuarantineReason reason, String error, Instant seriesBegan,
                               Instant currentBegan, Instant nextAttempt, int seriesCount) {

    private static final QuarantineStatus HEALTHY =
            new QuarantineStatus(QuarantineState.HEALTHY, null, null, null, null, null, 0);

    public QuarantineStatus {
        Objects.requireNonNull(state, "state");
        seriesBegan = millis(seriesBegan);
        currentBegan = millis(currentBegan);
        nextAttempt = millis(nextAttempt);
        boolean quarantined = state == QuarantineState.QUARANTINED || state == QuarantineState.STOPPED;
        if (quarantined && (reason == null || seriesBegan == null || currentBegan == null)) {
            throw new IllegalArgumentException("a quarantine has a reason and began at some time");
        }
    }

    public static QuarantineStatus healthy() {
        return HEALTHY;
    }

    public static QuarantineStatus warning() {
        return new QuarantineStatus(QuarantineState.WARNING, null, null, null, null, null, 0);
    }

    public boolean quarantined() {
        return state == QuarantineState.QUARANTINED || state == QuarantineState.STOPPED;
    }

    /** Whether a scheduled cycle may run at {@code now}. */
    public boolean allowsCycleAt(Instant now) {
        return switch (state) {
            case HEALTHY, WARNING -> true;
            case QUARANTINED -> nextAttempt == null || !now.isBefore(nextAttempt);
            case STOPPED -> false;
        };
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
