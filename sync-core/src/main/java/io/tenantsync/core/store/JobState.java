package io.tenantsync.core.store;

import java.util.Objects;

/**
 * The durable state of a connection's job apart from links, watermarks, escrows and the log.
 *
 * @param forceInitialCycle           whether the next cycle reads everything, watermarks or not (set by a restart)
 * @param deletionsApproved           whether the next cycle may run its deletions past the threshold ("Allow deletes"
 *                                    or a restart with {@code ForceDeletes}); the cycle that uses it clears it
 * @param cycleCount                  cycles run so far
 * @param countSuccessiveCompleteFailures cycles in a row that failed as a whole
 * @param lastCycle                   the last cycle's summary; null before the first
 */
public record JobState(ConnectionId connectionId, QuarantineStatus quarantine, boolean forceInitialCycle,
                       boolean deletionsApproved, long cycleCount, int countSuccessiveCompleteFailures,
                       CycleSummary lastCycle) {

    public JobState {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(quarantine, "quarantine");
    }

    /** A connection that never ran: healthy, first cycle initial. */
    public static JobState initial(ConnectionId connectionId) {
        return new JobState(connectionId, QuarantineStatus.healthy(), true, false, 0, 0, null);
    }

    public JobState withQuarantine(QuarantineStatus status) {
        return new JobState(connectionId, status, forceInitialCycle, deletionsApproved, cycleCount,
                countSuccessiveCompleteFailures, lastCycle);
    }

    public JobState withForceInitialCycle(boolean force) {
        return new JobState(connectionId, quarantine, force, deletionsApproved, cycleCount,
                countSuccessiveCompleteFailures, lastCycle);
    }

    public JobState withDeletionsApproved(boolean approved) {
        return new JobState(connectionId, quarantine, forceInitialCycle, approved, cycleCount,
                countSuccessiveCompleteFailures, lastCycle);
    }

    /** This state after {@code summary}'s cycle: counted, its summary kept, the failure streak updated. */
    public JobState afterCycle(CycleSummary summary) {
        int failures = summary.completed() ? 0 : countSuccessiveCompleteFailures + 1;
        boolean stillInitial = forceInitialCycle && !summary.completed();
        return new JobState(connectionId, quarantine, stillInitial, deletionsApproved, cycleCount + 1, failures,
                summary);
    }
}
