package io.tenantsync.core.store;

import java.util.List;

/** A connection's job state and its staged (held) deletions. */
public interface JobStateStore {

    /** The stored state, or {@link JobState#initial} for a connection that never stored one. */
    JobState get(ConnectionId connection);

    void put(JobState state);

    /** Holds a deletion, replacing an earlier one of the same object. */
    void stage(StagedDeletion deletion);

    /** The held deletions in the order they were staged (then by type and source id). */
    List<StagedDeletion> staged(ConnectionId connection);

    /** Releases one held deletion (done, or no longer wanted); false when there was none. */
    boolean unstage(ConnectionId connection, ObjectType type, String sourceId);

    /** Drops every held deletion of the connection; returns how many there were. */
    int clearStaged(ConnectionId connection);
}
