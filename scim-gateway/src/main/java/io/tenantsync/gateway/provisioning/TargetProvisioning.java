package io.tenantsync.gateway.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.SyncStore;
import io.tenantsync.core.target.TargetDirectoryException;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.store.ChangeRef;
import io.tenantsync.gateway.store.Outbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's provisioning into target tenants: admits a write only when the connection's target allows inbound
 * sync from its source, applies each committed change right away, and retries changes left pending (target
 * throttled or down, or the gateway restarted before applying them) in the background until they are applied.
 */
public final class TargetProvisioning implements ChangeProcessor, WriteAdmission, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TargetProvisioning.class);
    /**
     * A claimed change is someone's for this long; a worker that died releases it by letting the lease lapse (a process
     * that died: the next one releases its claims at start).
     */
    private static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * Workers mostly wait on Graph round trips, so there are many more of them than cores; the Graph requests of the
     * ones waiting at the same time share {@code $batch} requests, so more workers make fuller batches.
     */
    private static final int WORKERS = 64;
    /**
     * Changes of one resource are applied one at a time: two creates racing would make two target users. Many more
     * stripes than workers, so that different resources seldom wait for each other.
     */
    private static final int STRIPES = 1024;

    private final Map<String, ConnectionProvisioning> connections = new LinkedHashMap<>();
    private final Outbox outbox;
    private final SyncStore store;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("target-provisioning"));
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("target-retry"));
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    private TargetProvisioning(GatewayConfig config, Outbox outbox, SyncStore store, Clock clock, Duration retryEvery) {
        this.outbox = outbox;
        this.store = store;
        int released = outbox.releaseClaims();
        if (released > 0) {
            LOG.info("{} change(s) a previous run claimed and did not settle are queued again", released);
        }
        ObjectMapper json = new ObjectMapper();
        for (Connection connection : config.connections()) {
            connections.put(connection.id(), new ConnectionProvisioning(connection, store, outbox, json, clock));
        }
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        retries.scheduleWithFixedDelay(this::retryPending, retryEvery.toMillis(), retryEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Hooks that provision into each connection's target.
     *
     * @param dataDir where the sync store (links) lives, next to the gateway's database; empty for memory
     * @param retryEvery how often pending changes are retried
     */
    public static ProvisioningHooks.Factory factory(Optional<Path> dataDir, Clock clock, Duration retryEvery) {
        return (outbox, config) -> {
            SyncStore store = dataDir.map(dir -> (SyncStore) JdbcSyncStore.inDirectory(dir.resolve("sync"), clock))
                    .orElseGet(() -> JdbcSyncStore.inMemory(clock));
            TargetProvisioning provisioning = new TargetProvisioning(config, outbox, store, clock, retryEvery);
            return new ProvisioningHooks(provisioning, Optional.of(provisioning), provisioning);
        };
    }

    @Override
    public Optional<Refusal> check(Connection connection) {
        ConnectionProvisioning provisioning = connections.get(connection.id());
        if (provisioning == null) {
            return Optional.empty();
        }
        try {
            if (provisioning.trust() instanceof TrustDecision.Refused refused) {
                return Optional.of(new Refusal(refused.reason() + ". " + refused.errorCode() + ": "
                        + refused.errorText()));
            }
        } catch (TargetDirectoryException e) {
            // the target cannot be asked now: admit, queue, and let provisioning decide when it answers again
            LOG.info("connection {}: trust not readable ({}); write admitted and queued", connection.id(), e.kind());
        }
        return Optional.empty();
    }

    @Override
    public CompletionStage<Void> process(ChangeRef change) {
        return CompletableFuture.runAsync(() -> applyClaimed(change), workers);
    }

    private void applyClaimed(ChangeRef change) {
        ConnectionProvisioning provisioning = connections.get(change.connectionId());
        if (provisioning == null) {
            return;
        }
        ReentrantLock lock = stripes[Math.floorMod((change.connectionId() + '/' + change.resourceId()).hashCode(),
                STRIPES)];
        lock.lock();
        try {
            if (outbox.claim(change, LEASE)) {
                provisioning.apply(change);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies what is still pending, oldest first; a connection whose target fails is retried on the next round. */
    private void retryPending() {
        for (ConnectionProvisioning provisioning : connections.values()) {
            try {
                List<ChangeRef> pending = outbox.pending(provisioning.connection().id());
                for (ChangeRef change : pending) {
                    applyClaimed(change);
                }
            } catch (RuntimeException e) {
                LOG.warn("connection {}: retry round failed", provisioning.connection().id(), e);
            }
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
