package io.tenantsync.emulator.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Directory time: the wall clock plus an offset that only moves forward through {@link #advance}. Soft-delete
 * retention and audit timestamps follow it; token lifetimes do not (clients check those against real time).
 */
public final class EmulatorClock extends Clock {
    private final Clock wall;
    private final AtomicLong offsetMillis;

    public EmulatorClock(Clock wall, long offsetMillis) {
        this.wall = wall;
        this.offsetMillis = new AtomicLong(offsetMillis);
    }

    public static EmulatorClock system() { return new EmulatorClock(Clock.systemUTC(), 0); }

    /** Moves directory time forward; returns the new now. */
    public Instant advance(Duration by) {
        if (by.isNegative()) throw new IllegalArgumentException("the emulator clock only moves forward");
        offsetMillis.addAndGet(by.toMillis());
        return instant();
    }

    /** How far directory time is ahead of the wall clock. */
    public Duration offset() { return Duration.ofMillis(offsetMillis.get()); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return wall.instant().plusMillis(offsetMillis.get()); }
}
