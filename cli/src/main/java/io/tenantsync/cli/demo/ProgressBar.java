package io.tenantsync.cli.demo;

import io.tenantsync.core.job.CycleProgress;
import java.io.PrintWriter;

/**
 * The demo's progress bar for a cycle: {@code [########------------]  12/25 users}. On a console it is redrawn in
 * place (at most every {@value #REDRAW_MILLIS} ms); elsewhere (a pipe, a test) it is printed as a line at each
 * quarter, so logs stay readable. {@link #finish()} prints the final state on its own line.
 */
public final class ProgressBar implements CycleProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_MILLIS = 200;

    private final PrintWriter out;
    private final boolean console;
    private long lastDrawn;
    private int lastQuarter = -1;
    private long done;
    private long total = -1;

    public ProgressBar(PrintWriter out, boolean console) {
        this.out = out;
        this.console = console;
    }

    @Override
    public void update(long doneNow, long totalNow) {
        done = doneNow;
        total = totalNow;
        if (console) {
            long now = System.nanoTime() / 1_000_000;
            if (now - lastDrawn >= REDRAW_MILLIS || doneNow == totalNow) {
                lastDrawn = now;
                out.print("\r" + render(doneNow, totalNow));
                out.flush();
            }
        } else {
            int quarter = totalNow == 0 ? 4 : (int) (doneNow * 4 / totalNow);
            if (quarter > lastQuarter && quarter < 4) {
                lastQuarter = quarter;
                out.println(render(doneNow, totalNow));
                out.flush();
            }
        }
    }

    /** Ends the bar with its last state on a line of its own (nothing when the cycle never got to its users). */
    public void finish() {
        if (total < 0) {
            return;
        }
        out.println((console ? "\r" : "") + render(done, total));
        out.flush();
    }

    static String render(long done, long total) {
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        return "  [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]  " + done + "/" + total + " users";
    }
}
