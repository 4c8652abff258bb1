package io.tenantsync.core.store;

import java.util.List;
import java.util.Optional;

/** Source ↔ target pairs of one connection, looked up either way. */
public interface LinkStore {

    Optional<ObjectLink> bySource(ConnectionId connection, ObjectType type, String sourceId);

    Optional<ObjectLink> byTarget(ConnectionId connection, ObjectType type, String targetId);

    /**
     * Records the link, replacing the one of the same source object. A target object belongs to at most one source
     * object per connection: linking a second one fails with a {@link StoreException#isUniqueViolation() unique
     * violation}.
     */
    void put(ObjectLink link);

    /** Forgets the link of the source object; false when there was none. */
    boolean remove(ConnectionId connection, ObjectType type, String sourceId);

    long count(ConnectionId connection, ObjectType type);

    /** Forgets every link of the connection (a restart that breaks links); returns how many there were. */
    int clear(ConnectionId connection);

    /**
     * Links of one type in source-id order, starting after {@code afterSourceId} (null for the first page), for walking
     * every link without holding them all.
     */
    List<ObjectLink> page(ConnectionId connection, ObjectType type, String afterSourceId, int limit);
}
