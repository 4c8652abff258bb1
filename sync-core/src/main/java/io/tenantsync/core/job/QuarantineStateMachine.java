package io.tenantsync.core.job;

import io.tenantsync.core.store.CycleKind;
import io.tenantsync.core.store.QuarantineReason;
import io.tenantsync.core.store.QuarantineState;
import io.tenantsync.core.store.QuarantineStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Entra's quarantine (entra-semantics §3.3, §3.4), as a pure function of the current status and a cycle's health.
 *
 * <p>A cycle quarantines the connection when the target refused it outright (credentials, authorisation), when the
 * escrow thresholds are crossed, when the deletion threshold held its deletions, or when reading the source broke
 * off. While quarantined, cycles run only at the back-off's next attempt: +6 h, +12 h, +24 h from the start of the
 * series, then every 24 h; a series older than 28 days stops the job. The first cycle that meets none of the conditions
 * lifts the quarantine. A quarantine on demand is lifted only by a restart.
 *
 * <p>During an initial cycle, crossing an escrow threshold does not quarantine: Entra prunes the escrows, lets the
 * initial cycle finish and pauses the job ({@link Verdict#escrowsPruned()}).
 */
public final class QuarantineStateMachine {

    private final QuarantineThresholds thresholds;

    public QuarantineStateMachine(QuarantineThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public static QuarantineStateMachine entra() {
        return new QuarantineStateMachine(QuarantineThresholds.entra());
    }

    /**
     * The status after a cycle.
     *
     * @param escrowsPruned whether the caller must drop the connection's escrows and pause the job (an initial cycle
     *                      crossed an escrow threshold)
     */
    public record Verdict(QuarantineStatus status, boolean escrowsPruned) {
    }

    /** The reason a cycle of this health quarantines the connection, if it does. */
    public Optional<QuarantineReason> entryReason(CycleHealth cycle) {
        if (cycle.connectionFailure() != null) {
            return Optional.of(QuarantineReason.ENCOUNTERED_QUARANTINE_EXCEPTION);
        }
        if (cycle.ingestionInterrupted()) {
            return Optional.of(QuarantineReason.INGESTION_INTERRUPTED);
        }
        Optional<QuarantineReason> escrow = escrowReason(cycle);
        if (escrow.isPresent()) {
            return escrow;
        }
        if (cycle.deletionsHeld()) {
            return Optional.of(QuarantineReason.TOO_MANY_DELETES);
        }
        return Optional.empty();
    }

    /** Which escrow threshold the cycle crosses, if any; reference failures count only towards the total. */
    public Optional<QuarantineReason> escrowReason(CycleHealth cycle) {
        if (cycle.escrowedTotal() > thresholds.totalEscrow()) {
            return Optional.of(QuarantineReason.ENCOUNTERED_TOTAL_ESCROW_THRESHOLD);
        }
        long failed = cycle.escrowedNonReference();
        if (failed < thresholds.evaluationFloor()) {
            return Optional.empty();
        }
        if (failed > thresholds.baseEscrow()) {
            return Optional.of(QuarantineReason.ENCOUNTERED_BASE_ESCROW_THRESHOLD);
        }
        if (failed > thresholds.proportion() * (failed + cycle.succeeded())) {
            return Optional.of(QuarantineReason.ENCOUNTERED_ESCROW_PROPORTION_THRESHOLD);
        }
        return Optional.empty();
    }

    /** The status after a cycle of health {@code cycle} ended at {@code now}. */
    public Verdict afterCycle(QuarantineStatus current, CycleHealth cycle, Instant now) {
        Optional<QuarantineReason> reason = entryReason(cycle);
        boolean escrowThreshold = reason.isPresent() && isEscrowReason(reason.get());
        if (escrowThreshold && cycle.kind() == CycleKind.INITIAL && !current.quarantined()) {
            return new Verdict(QuarantineStatus.healthy(), true);
        }
        if (current.reason() == QuarantineReason.QUARANTINED_ON_DEMAND && current.quarantined()) {
            return new Verdict(stay(current, current.reason(), current.error(), now), false);
        }
        if (reason.isEmpty()) {
            return new Verdict(cycle.escrowedTotal() > 0 ? QuarantineStatus.warning() : QuarantineStatus.healthy(),
                    false);
        }
        String error = describe(reason.get(), cycle);
        return new Verdict(current.quarantined() ? stay(current, reason.get(), error, now)
                : enter(reason.get(), error, now), false);
    }

    /** Quarantines the connection at an administrator's request; only a restart lifts it. */
    public QuarantineStatus quarantineOnDemand(QuarantineStatus current, Instant now) {
        if (current.quarantined()) {
            return new QuarantineStatus(current.state(), QuarantineReason.QUARANTINED_ON_DEMAND,
                    "quarantined on demand", current.seriesBegan(), now, current.nextAttempt(), current.seriesCount());
        }
        return enter(QuarantineReason.QUARANTINED_ON_DEMAND, "quarantined on demand", now);
    }

    /**
     * The status once held deletions are approved: a {@code TooManyDeletes} quarantine lets the next cycle run now, so
     * the approved deletions are done without waiting for the back-off; the cycle's success then lifts it.
     */
    public QuarantineStatus deletionsApproved(QuarantineStatus current, Instant now) {
        if (current.state() != QuarantineState.QUARANTINED || current.reason() != QuarantineReason.TOO_MANY_DELETES) {
            return current;
        }
        return new QuarantineStatus(current.state(), current.reason(), current.error(), current.seriesBegan(),
                current.currentBegan(), now, current.seriesCount());
    }

    /** When a series that began at {@code seriesBegan} and was confirmed {@code seriesCount} times retries next. */
    public Instant nextAttempt(Instant seriesBegan, int seriesCount) {
        int steps = thresholds.backOff().size();
        Duration offset = seriesCount < steps ? thresholds.backOff().get(seriesCount)
                : thresholds.backOff().get(steps - 1)
                        .plus(thresholds.thereafter().multipliedBy(seriesCount - steps + 1L));
        return seriesBegan.plus(offset);
    }

    private QuarantineStatus enter(QuarantineReason reason, String error, Instant now) {
        return new QuarantineStatus(QuarantineState.QUARANTINED, reason, error, now, now, nextAttempt(now, 0), 0);
    }

    private QuarantineStatus stay(QuarantineStatus current, QuarantineReason reason, String error, Instant now) {
        Instant began = current.seriesBegan();
        int count = current.seriesCount() + 1;
        if (!now.isBefore(began.plus(thresholds.giveUpAfter()))) {
            return new QuarantineStatus(QuarantineState.STOPPED, reason, error, began, now, null, count);
        }
        Instant next = nextAttempt(began, count);
        if (!next.isAfter(now)) {
            // a retry that ran late does not make the following one due at once
            next = now.plus(thresholds.thereafter());
        }
        return new QuarantineStatus(QuarantineState.QUARANTINED, reason, error, began, now, next, count);
    }

    private static boolean isEscrowReason(QuarantineReason reason) {
        return reason == QuarantineReason.ENCOUNTERED_BASE_ESCROW_THRESHOLD
                || reason == QuarantineReason.ENCOUNTERED_TOTAL_ESCROW_THRESHOLD
                || reason == QuarantineReason.ENCOUNTERED_ESCROW_PROPORTION_THRESHOLD;
    }

    private static String describe(QuarantineReason reason, CycleHealth cycle) {
        return switch (reason) {
            case ENCOUNTERED_QUARANTINE_EXCEPTION -> cycle.connectionFailure().errorCode() + ": "
                    + cycle.connectionFailure().message();
            case ENCOUNTERED_BASE_ESCROW_THRESHOLD, ENCOUNTERED_ESCROW_PROPORTION_THRESHOLD,
                 ENCOUNTERED_TOTAL_ESCROW_THRESHOLD -> cycle.escrowedNonReference() + " objects and "
                    + cycle.escrowedReference() + " references failed, " + cycle.succeeded() + " succeeded: "
                    + reason.description();
            default -> reason.description();
        };
    }
}
