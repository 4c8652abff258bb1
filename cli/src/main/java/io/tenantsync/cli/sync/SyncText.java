package io.tenantsync.cli.sync;

import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.QuarantineStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How the sync commands write a job's cycles and state on the console: one line each, the same everywhere. */
public final class SyncText {

    private SyncText() {
    }

    /** A cycle as one line: when, which, what it did, how long, and why it failed if it did. */
    public static String cycle(CycleSummary c) {
        if (c.cycleId().equals("not-run")) {
            return c.began() + " cycle not run: " + c.error();
        }
        return String.format(Locale.ROOT, "%s cycle %s %s: created %d, updated %d, disabled %d, deleted %d, "
                        + "restored %d, staged %d, skipped %d, escrowed %d, failed %d in %.1f s%s",
                c.began(), c.cycleId().substring(0, Math.min(8, c.cycleId().length())),
                c.kind().name().toLowerCase(Locale.ROOT), c.created(), c.updated(), c.disabled(), c.deleted(),
                c.restored(), c.staged(), c.skipped(), c.escrowed(), c.failed(),
                Duration.between(c.began(), c.ended()).toMillis() / 1000.0,
                c.completed() ? "" : " — did not complete: " + c.error());
    }

    /** The quarantine in words. */
    public static String quarantine(QuarantineStatus q) {
        String state = q.state().name().toLowerCase(Locale.ROOT);
        if (!q.quarantined()) {
            return state;
        }
        return state + " since " + q.seriesBegan() + ": " + q.reason().graphValue() + " (" + q.reason().description()
                + ")" + (q.error() == null ? "" : "; " + q.error())
                + (q.nextAttempt() == null ? "" : "; next attempt at " + q.nextAttempt());
    }

    /** How long ago, in whole seconds, minutes or hours. */
    public static String age(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }
}
