package io.tenantsync.core.job;

import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.scope.ScopingFilterSet;
import io.tenantsync.core.store.ConnectionId;
import java.util.Objects;

/**
 * How one connection's job runs.
 *
 * @param connection        the connection whose links, watermarks, escrows and log the job keeps
 * @param assignment        which users are candidates before any scoping filter
 * @param scopingFilters    the filters a candidate must also pass
 * @param deletionThreshold the accidental-deletions guard
 * @param parallelism       how many users are read and provisioned at once; a small fixed number, because the
 *                          target's write quota, not the job, is what limits throughput
 * @param schedule          when a {@link JobRunner} starts cycles: every 40 minutes by default, or continuously
 */
public record SyncJobSettings(ConnectionId connection, AssignmentScope assignment, ScopingFilterSet scopingFilters,
                              DeletionThreshold deletionThreshold, int parallelism, SyncSchedule schedule) {

    public static final int DEFAULT_PARALLELISM = 4;
    /** More workers than this only queue on the target's throttling and the store's connection pool. */
    public static final int MAX_PARALLELISM = 32;

    public SyncJobSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(scopingFilters, "scopingFilters");
        Objects.requireNonNull(deletionThreshold, "deletionThreshold");
        Objects.requireNonNull(schedule, "schedule");
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism is 1 to " + MAX_PARALLELISM + ", not " + parallelism);
        }
    }

    /**
     * Settings with no scoping filter, Entra's default deletion threshold and schedule, and the default parallelism.
     */
    public static SyncJobSettings of(ConnectionId connection, AssignmentScope assignment) {
        return new SyncJobSettings(connection, assignment, ScopingFilterSet.everything(),
                DeletionThreshold.defaults(), DEFAULT_PARALLELISM, SyncSchedule.entraDefault());
    }

    public SyncJobSettings withScopingFilters(ScopingFilterSet filters) {
        return new SyncJobSettings(connection, assignment, filters, deletionThreshold, parallelism, schedule);
    }

    public SyncJobSettings withDeletionThreshold(DeletionThreshold threshold) {
        return new SyncJobSettings(connection, assignment, scopingFilters, threshold, parallelism, schedule);
    }

    public SyncJobSettings withParallelism(int workers) {
        return new SyncJobSettings(connection, assignment, scopingFilters, deletionThreshold, workers, schedule);
    }

    public SyncJobSettings withSchedule(SyncSchedule next) {
        return new SyncJobSettings(connection, assignment, scopingFilters, deletionThreshold, parallelism, next);
    }
}
