package io.tenantsync.core.job;

import io.tenantsync.core.store.CycleSummary;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SyncJob}'s cycles on one daemon thread by the {@link SyncSchedule} of its settings, until closed. Each cycle's
 * summary goes to the listener (on the runner's thread). A cycle that throws is logged and counted as a failed cycle;
 * the runner goes on.
 */
public final class JobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final SyncJob job;
    private final SyncSchedule schedule;
    private final Consumer<CycleSummary> listener;
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean closed;

    public JobRunner(SyncJob job, Consumer<CycleSummary> listener) {
        this.job = Objects.requireNonNull(job, "job");
        this.schedule = job.settings().schedule();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = new Thread(this::loop, "sync-runner-" + job.settings().connection());
        thread.setDaemon(true);
    }

    /** Starts the first cycle now and the next ones by the schedule. */
    public JobRunner start() {
        thread.start();
        return this;
    }

    private void loop() {
        int failuresInRow = 0;
        while (!closed) {
            long started = System.nanoTime();
            boolean completed;
            try {
                CycleSummary summary = job.runCycle();
                completed = summary.completed();
                listener.accept(summary);
            } catch (RuntimeException e) {
                LOG.warn("a cycle of {} failed: {}", job.settings().connection(), e.toString());
                completed = false;
            }
            failuresInRow = completed ? 0 : failuresInRow + 1;
            Duration wait = schedule.waitAfter(Duration.ofNanos(System.nanoTime() - started), failuresInRow);
            if (!pause(wait)) {
                return;
            }
        }
    }

    /** Waits until the next cycle is due; false once closed. */
    private boolean pause(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (wake) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wake.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !closed;
    }

    /** Stops after the running cycle, waiting for it up to {@code timeout}. */
    public void close(Duration timeout) {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofMinutes(1));
    }
}
