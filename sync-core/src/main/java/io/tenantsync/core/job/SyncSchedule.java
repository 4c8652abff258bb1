package io.tenantsync.core.job;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link JobRunner} starts the job's cycles.
 *
 * <ul>
 *   <li>Scheduled: a cycle every {@code interval} (Entra's default is 40 minutes), counted from the start of the
 *       previous one; a cycle that overruns its interval is followed at once by the next.</li>
 *   <li>Continuous: the next cycle starts {@code interval} after the previous one ended, so the job polls the
 *       source's delta about as often as it can. Each poll is one delta request per watermark; when the source
 *       throttles, the Graph client waits what {@code Retry-After} says, which slows the polling to what the source
 *       allows.</li>
 * </ul>
 * After a cycle that did not complete (the source failed, credentials were refused), the wait doubles with each
 * further failure up to {@link #MAX_BACK_OFF}, so a broken connection is not hammered; a completed cycle resets it.
 *
 * @param interval   the period (scheduled) or the pause between cycles (continuous)
 * @param continuous whether cycles follow each other back to back
 */
public record SyncSchedule(Duration interval, boolean continuous) {

    /** Entra's provisioning interval. */
    public static final Duration ENTRA_INTERVAL = Duration.ofMinutes(40);
    /** The shortest scheduled interval: "down to seconds". */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** The longest wait after failed cycles. */
    public static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    public SyncSchedule {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || !continuous && interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException(continuous ? "the pause between cycles cannot be negative"
                    : "a scheduled interval is at least " + MIN_INTERVAL.toSeconds() + " s, not " + interval);
        }
    }

    /** Entra's schedule: every 40 minutes. */
    public static SyncSchedule entraDefault() {
        return new SyncSchedule(ENTRA_INTERVAL, false);
    }

    public static SyncSchedule every(Duration interval) {
        return new SyncSchedule(interval, false);
    }

    /** Back-to-back cycles with {@code pause} between the end of one and the start of the next. */
    public static SyncSchedule continuous(Duration pause) {
        return new SyncSchedule(pause, true);
    }

    /**
     * How long to wait before the next cycle.
     *
     * @param lastCycleTook how long the last cycle ran
     * @param failuresInRow how many cycles in a row did not complete (0 after a completed one)
     */
    public Duration waitAfter(Duration lastCycleTook, int failuresInRow) {
        Duration wait = continuous ? interval : interval.minus(lastCycleTook);
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        if (failuresInRow > 0) {
            Duration base = interval.isZero() ? Duration.ofSeconds(1) : interval;
            Duration backOff = base.multipliedBy(1L << Math.min(failuresInRow, 20));
            wait = backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff;
            if (!continuous && wait.compareTo(interval) < 0) {
                wait = interval;
            }
        }
        return wait;
    }
}
