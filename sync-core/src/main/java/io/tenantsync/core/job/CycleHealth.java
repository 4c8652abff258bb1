package io.tenantsync.core.job;

import io.tenantsync.core.store.CycleKind;
import io.tenantsync.core.store.WriteFailure;
import java.util.Objects;

/**
 * What a cycle's end tells the quarantine state machine.
 *
 * @param escrowedNonReference objects whose writes are in escrow, reference writes apart
 * @param escrowedReference    reference writes (manager, group member) in escrow
 * @param succeeded            objects processed without failure this cycle
 * @param connectionFailure    a failure of the connection itself (credentials refused, authorisation denied, the
 *                             target unreachable for every call), or null
 * @param deletionsHeld        whether the deletion threshold held this cycle's deletions
 * @param ingestionInterrupted whether reading the source broke off and could not resume
 */
public record CycleHealth(CycleKind kind, long escrowedNonReference, long escrowedReference, long succeeded,
                          WriteFailure connectionFailure, boolean deletionsHeld, boolean ingestionInterrupted) {

    public CycleHealth {
        Objects.requireNonNull(kind, "kind");
        if (escrowedNonReference < 0 || escrowedReference < 0 || succeeded < 0) {
            throw new IllegalArgumentException("counts are not negative");
        }
    }

    /** A cycle with these escrow counts and nothing else wrong. */
    public static CycleHealth of(CycleKind kind, long escrowedNonReference, long escrowedReference, long succeeded) {
        return new CycleHealth(kind, escrowedNonReference, escrowedReference, succeeded, null, false, false);
    }

    /** A cycle the target refused outright. */
    public static CycleHealth refused(CycleKind kind, WriteFailure failure) {
        return new CycleHealth(kind, 0, 0, 0, Objects.requireNonNull(failure, "failure"), false, false);
    }

    public CycleHealth withDeletionsHeld() {
        return new CycleHealth(kind, escrowedNonReference, escrowedReference, succeeded, connectionFailure, true,
                ingestionInterrupted);
    }

    public CycleHealth withIngestionInterrupted() {
        return new CycleHealth(kind, escrowedNonReference, escrowedReference, succeeded, connectionFailure,
                deletionsHeld, true);
    }

    public long escrowedTotal() {
        return escrowedNonReference + escrowedReference;
    }
}
