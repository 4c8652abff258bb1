package io.tenantsync.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How long a command serves: until the JVM is asked to stop (Ctrl-C, SIGTERM) or the serving thread is interrupted.
 * Open it before the servers it outlives; when the JVM is stopping, its shutdown hook waits until {@link #close()},
 * so the command's own cleanup (closing servers and databases) finishes before the process exits.
 */
public final class Lifetime implements AutoCloseable {
    private static final long CLEANUP_GRACE_SECONDS = 30;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onJvmShutdown, "tenantsync-shutdown");

    public Lifetime() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void onJvmShutdown() {
        stopRequested.countDown();
        try {
            released.await(CLEANUP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks until a stop is requested. An interrupt counts as a stop request and is consumed, so the cleanup that
     * follows (database shutdown writes files) does not run on an interrupted thread.
     */
    public void awaitStop() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            stopRequested.countDown();
        }
    }

    @Override
    public void close() {
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmAlreadyStopping) {
            // the hook is running and returns now that we released it
        }
    }
}
