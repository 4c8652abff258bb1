package io.tenantsync.core.job;

import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.EscrowStore;
import io.tenantsync.core.store.JobState;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.RestartOutcome;
import io.tenantsync.core.store.RestartScope;
import io.tenantsync.core.store.StagedDeletion;
import io.tenantsync.core.store.SyncStore;
import io.tenantsync.core.store.WatermarkStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An administrator's handle on a job through its store alone, without its source or target: what its status is,
 * approving its held deletions, restarting it. What it changes the job reads at its next cycle; a running job's
 * own process is the one place these should be called while it runs, as the store is single-writer.
 */
public final class JobControl {

    private final SyncStore store;
    private final ConnectionId connection;
    private final QuarantineStateMachine quarantine;
    private final Clock clock;

    public JobControl(SyncStore store, ConnectionId connection, QuarantineStateMachine quarantine, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With Entra's quarantine rules, as {@link SyncJob}'s default. */
    public static JobControl of(SyncStore store, ConnectionId connection, Clock clock) {
        return new JobControl(store, connection, QuarantineStateMachine.entra(), clock);
    }

    /**
     * A job's stored status.
     *
     * @param watermarkWrittenAt when the users delta watermark last advanced; empty before the first completed cycle
     *                           (or after a restart that cleared it)
     */
    public record JobStatus(JobState state, List<StagedDeletion> staged, EscrowStore.Counts escrows,
                            Optional<Instant> watermarkWrittenAt, long linkedUsers) {
        public JobStatus {
            Objects.requireNonNull(state, "state");
            staged = List.copyOf(staged);
            Objects.requireNonNull(escrows, "escrows");
            Objects.requireNonNull(watermarkWrittenAt, "watermarkWrittenAt");
        }
    }

    /** The job's status, read in one transaction so its parts agree. */
    public JobStatus status() {
        return store.inTransaction(s -> new JobStatus(s.jobState().get(connection), s.jobState().staged(connection),
                s.escrows().counts(connection), s.watermarks().updatedAt(connection, WatermarkStore.USERS_DELTA),
                s.links().count(connection, ObjectType.USER)));
    }

    /**
     * Entra's "Allow deletes", as {@link SyncJob#approveDeletes()}: the next cycle runs the held deletions past the
     * threshold, and a {@code TooManyDeletes} quarantine lets it run at once.
     *
     * @return how many deletions were held when approved
     */
    public int approveDeletes() {
        return store.inTransaction(s -> {
            JobState state = s.jobState().get(connection);
            s.jobState().put(state.withDeletionsApproved(true)
                    .withQuarantine(quarantine.deletionsApproved(state.quarantine(), clock.instant())));
            return s.jobState().staged(connection).size();
        });
    }

    /** Restarts the job, clearing what {@code scopes} names ({@link SyncStore#restart}). */
    public RestartOutcome restart(Set<RestartScope> scopes) {
        return store.restart(connection, scopes);
    }
}
