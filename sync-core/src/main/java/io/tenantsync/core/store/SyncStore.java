package io.tenantsync.core.store;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The durable state of the sync engine, every row keyed by connection: links, watermarks with the assigned groups'
 * membership read up to them, escrows, the provisioning log and job state. Each call on a part commits on its own; {@link #inTransaction} groups calls so they commit
 * together or not at all (e.g. a link, its log entry and the removal of its escrow).
 */
public interface SyncStore extends AutoCloseable {

    LinkStore links();

    WatermarkStore watermarks();

    MembershipStore membership();

    EscrowStore escrows();

    ProvisioningLog provisioningLog();

    JobStateStore jobState();

    /** Work on the store that commits whole or not at all. */
    @FunctionalInterface
    interface UnitOfWork<T> {
        T run(SyncStore transaction);
    }

    /**
     * Runs {@code work} against a view of this store bound to one transaction: commits when it returns, rolls back
     * when it throws. Calling {@code inTransaction} on the view joins the same transaction.
     */
    <T> T inTransaction(UnitOfWork<T> work);

    /** {@link #inTransaction(UnitOfWork)} for work without a result. */
    default void runInTransaction(Consumer<SyncStore> work) {
        inTransaction(transaction -> {
            work.accept(transaction);
            return null;
        });
    }

    /**
     * Restarts the connection's job, clearing what {@code scopes} names, in one transaction (entra-semantics §3.3,
     * §3.5). Links survive unless the scopes include {@link RestartScope#FULL} or
     * {@link RestartScope#CONNECTOR_DATA_STORE}. Without {@link RestartScope#FORCE_DELETES}, held deletions are
     * dropped: the next cycle plans its deletions afresh and holds them again if they still exceed the threshold.
     * With it, the next cycle may delete past the threshold.
     */
    default RestartOutcome restart(ConnectionId connection, Set<RestartScope> scopes) {
        return inTransaction(store -> {
            int watermarks = 0;
            int escrows = 0;
            int links = 0;
            JobState state = store.jobState().get(connection);
            if (RestartScope.WATERMARK.clearedBy(scopes)) {
                watermarks = store.watermarks().clear(connection);
                state = state.withForceInitialCycle(true);
            }
            if (RestartScope.ESCROWS.clearedBy(scopes)) {
                escrows = store.escrows().clear(connection);
            }
            if (RestartScope.CONNECTOR_DATA_STORE.clearedBy(scopes)) {
                links = store.links().clear(connection);
            }
            boolean lifted = RestartScope.QUARANTINE_STATE.clearedBy(scopes) && state.quarantine().quarantined();
            if (RestartScope.QUARANTINE_STATE.clearedBy(scopes)) {
                state = state.withQuarantine(QuarantineStatus.healthy());
            }
            boolean forceDeletes = scopes.contains(RestartScope.FORCE_DELETES);
            int dropped = 0;
            if (forceDeletes) {
                state = state.withDeletionsApproved(true);
            } else if (!scopes.isEmpty()) {
                dropped = store.jobState().clearStaged(connection);
            }
            store.jobState().put(state);
            return new RestartOutcome(watermarks, escrows, links, dropped, lifted, forceDeletes);
        });
    }

    /** Releases the database; the store is unusable afterwards. */
    @Override
    void close();
}
