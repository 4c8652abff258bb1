package io.tenantsync.core.store;

import java.time.Instant;
import java.util.Optional;

/** Named positions in the source's change stream (e.g. a Graph delta link), one value per name and connection. */
public interface WatermarkStore {

    /** The watermark of the users delta query. */
    String USERS_DELTA = "users.delta";
    /** The watermark of the groups (and membership) delta query. */
    String GROUPS_DELTA = "groups.delta";

    Optional<String> get(ConnectionId connection, String name);

    /** When the named watermark was last written; empty when there is none. */
    Optional<Instant> updatedAt(ConnectionId connection, String name);

    /** Replaces the named watermark whole; a reader sees the old value or the new one, never a mix. */
    void put(ConnectionId connection, String name, String value);

    /** Forgets every watermark of the connection, so its next cycle is an initial one; returns how many there were. */
    int clear(ConnectionId connection);
}
