package io.tenantsync.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The provisioning side's view of the store: claim the changes SCIM writes queued, read the resources they refer
 * to, and settle each change (applied, failed, refused) together with the resource's target state. A claim is a
 * lease: a change whose lease expires without being settled can be claimed again.
 */
public final class Outbox {
    private static final int ERROR_LENGTH = 4000;

    private final Database db;
    private final Clock clock;

    public Outbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Claims up to {@code max} unclaimed (or lease-expired) changes of a connection, oldest first. */
    public List<ChangeRef> claim(String connectionId, int max, Duration lease) {
        long now = clock.millis();
        return db.transaction(c -> {
            List<ChangeRef> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID, CONNECTION_ID, RESOURCE_TYPE, RESOURCE_ID, OPERATION, CREATED_AT_MS, ATTEMPTS "
                    + "FROM PENDING_CHANGE WHERE CONNECTION_ID = ? AND (CLAIMED_UNTIL_MS IS NULL OR CLAIMED_UNTIL_MS < ?) ORDER BY ID LIMIT ?")) {
                ps.setString(1, connectionId);
                ps.setLong(2, now);
                ps.setInt(3, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new ChangeRef(rs.getLong(1), rs.getString(2), ResourceType.valueOf(rs.getString(3)), rs.getString(4),
                                ChangeOperation.valueOf(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE PENDING_CHANGE SET CLAIMED_UNTIL_MS = ? WHERE ID = ?")) {
                for (ChangeRef ref : claimed) {
                    ps.setLong(1, now + lease.toMillis());
                    ps.setLong(2, ref.id());
                    ps.executeUpdate();
                }
            }
            return List.copyOf(claimed);
        });
    }

    /**
     * Claims one change, typically the one a SCIM write just queued.
     *
     * @return false when it is settled already or someone else holds an unexpired claim on it
     */
    public boolean claim(ChangeRef change, Duration lease) {
        long now = clock.millis();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE PENDING_CHANGE SET CLAIMED_UNTIL_MS = ? WHERE ID = ? "
                    + "AND (CLAIMED_UNTIL_MS IS NULL OR CLAIMED_UNTIL_MS < ?)")) {
                ps.setLong(1, now + lease.toMillis());
                ps.setLong(2, change.id());
                ps.setLong(3, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Releases every claim, so the changes a previous process claimed and never settled are retried now rather than
     * when their leases lapse. Only for a provisioning side starting on its store: the store is held by one process
     * (HSQLDB locks a file database), so every claim found then is a dead process's.
     *
     * @return how many claims were released
     */
    public int releaseClaims() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE PENDING_CHANGE SET CLAIMED_UNTIL_MS = NULL WHERE CLAIMED_UNTIL_MS IS NOT NULL")) {
                return ps.executeUpdate();
            }
        });
    }

    /** The changes of a connection not settled yet, oldest first (claimed or not). */
    public List<ChangeRef> pending(String connectionId) {
        return db.transaction(c -> {
            List<ChangeRef> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID, CONNECTION_ID, RESOURCE_TYPE, RESOURCE_ID, OPERATION, CREATED_AT_MS, ATTEMPTS "
                    + "FROM PENDING_CHANGE WHERE CONNECTION_ID = ? ORDER BY ID")) {
                ps.setString(1, connectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new ChangeRef(rs.getLong(1), rs.getString(2), ResourceType.valueOf(rs.getString(3)), rs.getString(4),
                                ChangeOperation.valueOf(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7)));
                    }
                }
            }
            return List.copyOf(all);
        });
    }

    /** The resource a change refers to, as stored now; empty once it was deleted. */
    public Optional<StoredResource> resource(ChangeRef change) {
        return db.transaction(c -> new ResourceTransaction(c).find(change.connectionId(), Optional.of(change.type()), change.resourceId()));
    }

    /** A resource of a connection as stored now, by id; empty when there is none. */
    public Optional<StoredResource> resource(String connectionId, ResourceType type, String id) {
        return db.transaction(c -> new ResourceTransaction(c).find(connectionId, Optional.of(type), id));
    }

    /** The direct members of a group. */
    public List<Member> members(String connectionId, String groupId) {
        return db.transaction(c -> new ResourceTransaction(c).members(connectionId, groupId));
    }

    /** The target state of a resource, if a change was ever queued for it. */
    public Optional<TargetState> targetState(String connectionId, String resourceId) {
        return db.transaction(c -> new ResourceTransaction(c).targetState(connectionId, resourceId));
    }

    /**
     * Settles a change as applied. The resource reads {@code synced} unless a later change for it is still queued;
     * {@code targetObjectId}, when given, records (or confirms) the object the target tenant holds for it.
     */
    public void markApplied(ChangeRef change, Optional<String> targetObjectId) {
        settle(change, TargetStatus.SYNCED, targetObjectId, Optional.empty(), true);
    }

    /** Records a failed attempt; the change stays queued (its claim released) to be retried. */
    public void markFailed(ChangeRef change, String error) {
        settle(change, TargetStatus.FAILED, Optional.empty(), Optional.of(error), false);
    }

    /** Settles a change the target refused for good (policy, consent): it is not retried. */
    public void markRefused(ChangeRef change, String error) {
        settle(change, TargetStatus.REFUSED, Optional.empty(), Optional.of(error), true);
    }

    /** Records the target object a resource is linked to, without settling any change. */
    public void setTargetObjectId(String connectionId, String resourceId, String targetObjectId) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE TARGET_STATE SET TARGET_OBJECT_ID = ? WHERE CONNECTION_ID = ? AND RESOURCE_ID = ?")) {
                ps.setString(1, targetObjectId);
                ps.setString(2, connectionId);
                ps.setString(3, resourceId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Keeps the resource as it was when its creation failed without an answer (the target may have made the user),
     * so that it can be found by its address after the resource is deleted; forgotten once a target object is known.
     */
    public void rememberUnconfirmedCreation(String connectionId, String resourceId, String body) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE TARGET_STATE SET UNCONFIRMED_BODY = ? WHERE CONNECTION_ID = ? AND RESOURCE_ID = ?")) {
                ps.setString(1, body);
                ps.setString(2, connectionId);
                ps.setString(3, resourceId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The resource as {@link #rememberUnconfirmedCreation} kept it, while no target object is known for it. */
    public Optional<String> unconfirmedCreation(String connectionId, String resourceId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT UNCONFIRMED_BODY FROM TARGET_STATE WHERE CONNECTION_ID = ? AND RESOURCE_ID = ?")) {
                ps.setString(1, connectionId);
                ps.setString(2, resourceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private void settle(ChangeRef change, TargetStatus status, Optional<String> targetObjectId, Optional<String> error, boolean done) {
        long now = clock.millis();
        db.transaction(c -> {
            if (done) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM PENDING_CHANGE WHERE ID = ?")) {
                    ps.setLong(1, change.id());
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE PENDING_CHANGE SET CLAIMED_UNTIL_MS = NULL, ATTEMPTS = ATTEMPTS + 1 WHERE ID = ?")) {
                    ps.setLong(1, change.id());
                    ps.executeUpdate();
                }
            }
            boolean laterQueued;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM PENDING_CHANGE WHERE CONNECTION_ID = ? AND RESOURCE_ID = ? AND ID > ?")) {
                ps.setString(1, change.connectionId());
                ps.setString(2, change.resourceId());
                ps.setLong(3, change.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    laterQueued = rs.getInt(1) > 0;
                }
            }
            // a later write makes "synced" untrue: the target has not seen it yet
            TargetStatus shown = status == TargetStatus.SYNCED && laterQueued ? TargetStatus.PENDING : status;
            // a known target object settles what an unconfirmed creation left open
            try (PreparedStatement ps = c.prepareStatement("UPDATE TARGET_STATE SET STATE = ?, LAST_ATTEMPT_MS = ?, LAST_ERROR = ?, "
                    + "TARGET_OBJECT_ID = COALESCE(?, TARGET_OBJECT_ID), UNCONFIRMED_BODY = CASE WHEN CAST(? AS VARCHAR(64)) IS NULL "
                    + "THEN UNCONFIRMED_BODY END WHERE CONNECTION_ID = ? AND RESOURCE_ID = ?")) {
                ps.setString(1, shown.name());
                ps.setLong(2, now);
                ps.setString(3, error.map(e -> e.length() > ERROR_LENGTH ? e.substring(0, ERROR_LENGTH) : e).orElse(null));
                ps.setString(4, targetObjectId.orElse(null));
                ps.setString(5, targetObjectId.orElse(null));
                ps.setString(6, change.connectionId());
                ps.setString(7, change.resourceId());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
