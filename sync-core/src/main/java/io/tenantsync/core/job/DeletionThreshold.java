package io.tenantsync.core.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Entra's accidental-deletions prevention (entra-semantics §3.3): when one cycle plans more deprovisionings (disables,
 * soft and hard deletes, users and groups alike) than {@code limit}, all of them are held and staged, and the rest of
 * the cycle proceeds. Held deletions are released by an explicit approval ("Allow deletes") or a restart with
 * {@code ForceDeletes}. A cycle at exactly the limit proceeds: only exceeding it trips.
 *
 * @param enabled whether the guard is on ("Prevent accidental deletions")
 * @param limit   the most deprovisionings one cycle may do unapproved
 */
public record DeletionThreshold(boolean enabled, int limit) {

    /** CTS's default threshold in the portal. */
    public static final int DEFAULT_LIMIT = 500;

    public DeletionThreshold {
        if (limit < 1) {
            throw new IllegalArgumentException("a deletion threshold is at least 1, not " + limit);
        }
    }

    public static DeletionThreshold defaults() {
        return new DeletionThreshold(true, DEFAULT_LIMIT);
    }

    public static DeletionThreshold of(int limit) {
        return new DeletionThreshold(true, limit);
    }

    /** No guard: every planned deletion proceeds. */
    public static DeletionThreshold disabled() {
        return new DeletionThreshold(false, DEFAULT_LIMIT);
    }

    /** Whether {@code plannedDeletions} in one cycle trip the guard. */
    public boolean exceededBy(long plannedDeletions) {
        return enabled && plannedDeletions > limit;
    }

    /**
     * Splits a cycle's plan into what proceeds and what is held.
     *
     * @param released whether the held deletions were approved (the job state's {@code deletionsApproved})
     */
    public DeletionGate apply(List<PlannedChange> planned, boolean released) {
        List<PlannedChange> deletions = new ArrayList<>();
        List<PlannedChange> others = new ArrayList<>();
        for (PlannedChange change : planned) {
            (change.deprovisions() ? deletions : others).add(change);
        }
        boolean exceeded = exceededBy(deletions.size());
        if (!exceeded || released) {
            return new DeletionGate(planned, List.of(), deletions.size(), exceeded, exceeded);
        }
        return new DeletionGate(others, deletions, deletions.size(), true, false);
    }

    /**
     * A cycle's plan after the threshold.
     *
     * @param proceed          the changes to perform, in plan order
     * @param held             the deprovisionings held back, to stage and log as {@code stagedDelete}
     * @param plannedDeletions how many deprovisionings the plan had
     * @param exceeded         whether they exceeded the threshold
     * @param approvalUsed     whether an approval let them through (the job state's approval is then spent)
     */
    public record DeletionGate(List<PlannedChange> proceed, List<PlannedChange> held, long plannedDeletions,
                               boolean exceeded, boolean approvalUsed) {

        public DeletionGate {
            proceed = List.copyOf(proceed);
            held = List.copyOf(held);
        }

        /** Whether deletions are being held, which quarantines the job with {@code TooManyDeletes}. */
        public boolean holding() {
            return !held.isEmpty();
        }
    }
}
