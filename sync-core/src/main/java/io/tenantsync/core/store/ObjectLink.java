package io.tenantsync.core.store;

import io.tenantsync.core.reconcile.Link;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The durable pairing of a source object with the target object sync created or matched for it.
 *
 * @param attributeHash a digest of the attribute values last written to the target, so an unchanged source can be
 *                      recognised without reading the target; null when not recorded
 * @param createdAt     when the pair was first recorded (kept to the millisecond, as the store keeps it)
 * @param updatedAt     when the pair last changed (kept to the millisecond)
 */
public record ObjectLink(ConnectionId connectionId, ObjectType objectType, String sourceId, String targetId,
                         LinkState state, String attributeHash, Instant createdAt, Instant updatedAt) {

    public ObjectLink {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(state, "state");
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new active link made at {@code now}. */
    public static ObjectLink active(ConnectionId connectionId, ObjectType objectType, String sourceId,
                                    String targetId, String attributeHash, Instant now) {
        return new ObjectLink(connectionId, objectType, sourceId, targetId, LinkState.ACTIVE, attributeHash, now, now);
    }

    /** This link in {@code newState} as of {@code now}. */
    public ObjectLink withState(LinkState newState, Instant now) {
        return new ObjectLink(connectionId, objectType, sourceId, targetId, newState, attributeHash, createdAt, now);
    }

    /** This link with the digest of the values just written, as of {@code now}. */
    public ObjectLink withAttributeHash(String newHash, Instant now) {
        return new ObjectLink(connectionId, objectType, sourceId, targetId, state, newHash, createdAt, now);
    }

    /** The link as reconcile reads it. */
    public Link toReconcileLink() {
        return new Link.Linked(targetId, state == LinkState.SOFT_DELETED_BY_SYNC);
    }
}
