package io.tenantsync.gateway.provisioning;

import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.store.ChangeRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands committed changes to the bound {@link ChangeProcessor} and bounds how long the SCIM reply waits for them: the
 * returned stage completes when every change is processed or the connection's wait elapses, whichever is first, and
 * never completes exceptionally (a failed attempt is the processor's to record as target state).
 */
public final class ProvisioningWait {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningWait.class);

    private final Optional<ChangeProcessor> processor;

    public ProvisioningWait(Optional<ChangeProcessor> processor) {
        this.processor = processor;
    }

    /** Whether anything processes changes; without a processor they stay pending and replies never wait. */
    public boolean active() {
        return processor.isPresent();
    }

    /** Starts processing {@code changes} and returns a stage bounded by the connection's wait. */
    public CompletableFuture<Void> after(Connection connection, List<ChangeRef> changes) {
        if (processor.isEmpty() || changes.isEmpty()) return CompletableFuture.completedFuture(null);
        CompletableFuture<?>[] started = new CompletableFuture<?>[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            ChangeRef change = changes.get(i);
            try {
                started[i] = processor.get().process(change).toCompletableFuture();
            } catch (RuntimeException e) {
                LOG.warn("change processor failed to start change {} of connection {}: {}", change.id(), connection.id(), e.toString());
                started[i] = CompletableFuture.completedFuture(null);
            }
        }
        long waitMillis = connection.provisioningWait().toMillis();
        return CompletableFuture.allOf(started)
                .handle((v, failure) -> (Void) null)
                .completeOnTimeout(null, waitMillis, TimeUnit.MILLISECONDS);
    }
}
