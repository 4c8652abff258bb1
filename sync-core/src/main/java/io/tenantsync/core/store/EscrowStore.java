package io.tenantsync.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Failed target writes awaiting retry, per connection. */
public interface EscrowStore {

    /** How many escrows a connection holds, references apart (quarantine thresholds exclude them from some counts). */
    record Counts(long nonReference, long reference) {
        public long total() {
            return nonReference + reference;
        }
    }

    /** Records the escrow, replacing the one of the same object. */
    void put(Escrow escrow);

    Optional<Escrow> get(ConnectionId connection, ObjectType type, String objectId);

    /** Escrows whose next attempt is at or before {@code now}, earliest first, at most {@code limit}. */
    List<Escrow> due(ConnectionId connection, Instant now, int limit);

    /** Drops the escrow of the object (its write succeeded, or was given up); false when there was none. */
    boolean remove(ConnectionId connection, ObjectType type, String objectId);

    Counts counts(ConnectionId connection);

    /** Drops every escrow of the connection; returns how many there were. */
    int clear(ConnectionId connection);

    /** Drops escrows whose first failure is before {@code cutoff} (Entra gives up on an escrow after 28 days). */
    int removeFirstFailedBefore(ConnectionId connection, Instant cutoff);
}
