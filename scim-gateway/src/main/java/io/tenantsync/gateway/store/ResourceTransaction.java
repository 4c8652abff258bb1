package io.tenantsync.gateway.store;

import com.unboundid.scim2.common.exceptions.ScimException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The store's operations inside one database transaction. Every method is scoped to one connection's rows: the
 * connection id is part of every key and every WHERE clause.
 */
public final class ResourceTransaction {
    static final String COLUMNS = "r.ID, r.RESOURCE_TYPE, r.VERSION, r.CREATED_MS, r.LAST_MODIFIED_MS, r.BODY";

    private final Connection c;

    ResourceTransaction(Connection c) {
        this.c = c;
    }

    Connection jdbc() { return c; }

    /** The resource {@code id} of the connection, of the given type when one is given. */
    public Optional<StoredResource> find(String connectionId, Optional<ResourceType> type, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SCIM_RESOURCE r WHERE r.CONNECTION_ID = ? AND r.ID = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                StoredResource r = row(rs);
                return type.isEmpty() || type.get() == r.type() ? Optional.of(r) : Optional.empty();
            }
        }
    }

    /** The type of resource {@code id} of the connection, if it exists. */
    public Optional<ResourceType> typeOf(String connectionId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RESOURCE_TYPE FROM SCIM_RESOURCE WHERE CONNECTION_ID = ? AND ID = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ResourceType.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    static StoredResource row(ResultSet rs) throws SQLException {
        return new StoredResource(rs.getString(1), ResourceType.valueOf(rs.getString(2)), rs.getLong(3),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
    }

    /** Stores a new resource; 409 {@code uniqueness} when its userName or group displayName is taken. */
    public void insert(String connectionId, StoredResource r, IndexedValues idx) throws SQLException, ScimException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SCIM_RESOURCE (CONNECTION_ID, ID, RESOURCE_TYPE, UNIQUE_NAME_LC, USER_NAME_LC, "
                + "DISPLAY_NAME_LC, EXTERNAL_ID, ACTIVE, CREATED_MS, LAST_MODIFIED_MS, VERSION, BODY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, connectionId);
            ps.setString(2, r.id());
            ps.setString(3, r.type().name());
            ps.setString(4, idx.uniqueNameLc());
            ps.setString(5, idx.userNameLc());
            ps.setString(6, idx.displayNameLc());
            ps.setString(7, idx.externalId());
            if (idx.active() == null) ps.setNull(8, Types.BOOLEAN);
            else ps.setBoolean(8, idx.active());
            ps.setLong(9, r.created().toEpochMilli());
            ps.setLong(10, r.lastModified().toEpochMilli());
            ps.setLong(11, r.version());
            ps.setString(12, r.body());
            ps.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            throw uniqueness(r.type(), idx);
        }
        insertValues(connectionId, r.id(), idx);
    }

    /**
     * Replaces a resource if it is still at {@code expectedVersion}.
     *
     * @return false when another write changed it first
     */
    public boolean update(String connectionId, StoredResource r, IndexedValues idx, long expectedVersion) throws SQLException, ScimException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE SCIM_RESOURCE SET UNIQUE_NAME_LC = ?, USER_NAME_LC = ?, DISPLAY_NAME_LC = ?, "
                + "EXTERNAL_ID = ?, ACTIVE = ?, LAST_MODIFIED_MS = ?, VERSION = ?, BODY = ? WHERE CONNECTION_ID = ? AND ID = ? AND VERSION = ?")) {
            ps.setString(1, idx.uniqueNameLc());
            ps.setString(2, idx.userNameLc());
            ps.setString(3, idx.displayNameLc());
            ps.setString(4, idx.externalId());
            if (idx.active() == null) ps.setNull(5, Types.BOOLEAN);
            else ps.setBoolean(5, idx.active());
            ps.setLong(6, r.lastModified().toEpochMilli());
            ps.setLong(7, r.version());
            ps.setString(8, r.body());
            ps.setString(9, connectionId);
            ps.setString(10, r.id());
            ps.setLong(11, expectedVersion);
            updated = ps.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            throw uniqueness(r.type(), idx);
        }
        if (updated == 0) return false;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM RESOURCE_VALUE WHERE CONNECTION_ID = ? AND RESOURCE_ID = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, r.id());
            ps.executeUpdate();
        }
        insertValues(connectionId, r.id(), idx);
        return true;
    }

    private static ScimException uniqueness(ResourceType type, IndexedValues idx) {
        String attribute = type == ResourceType.USER ? "userName" : "displayName";
        return new ScimException(409, "uniqueness", "a " + type.scimName() + " with " + attribute + " '" + idx.uniqueNameLc()
                + "' already exists (compared case-insensitively)");
    }

    private void insertValues(String connectionId, String id, IndexedValues idx) throws SQLException {
        if (idx.emails().isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO RESOURCE_VALUE (CONNECTION_ID, RESOURCE_ID, ATTRIBUTE, VALUE_LC, TYPE_LC, IS_PRIMARY) "
                + "VALUES (?, ?, 'emails', ?, ?, ?)")) {
            for (IndexedValues.EmailValue e : idx.emails()) {
                ps.setString(1, connectionId);
                ps.setString(2, id);
                ps.setString(3, e.valueLc());
                ps.setString(4, e.typeLc());
                ps.setBoolean(5, e.primary());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes a resource with its indexed values and every membership it takes part in. */
    public boolean delete(String connectionId, ResourceType type, String id) throws SQLException {
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM SCIM_RESOURCE WHERE CONNECTION_ID = ? AND ID = ? AND RESOURCE_TYPE = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, id);
            ps.setString(3, type.name());
            deleted = ps.executeUpdate();
        }
        if (deleted == 0) return false;
        for (String sql : List.of("DELETE FROM RESOURCE_VALUE WHERE CONNECTION_ID = ? AND RESOURCE_ID = ?",
                "DELETE FROM GROUP_MEMBER WHERE CONNECTION_ID = ? AND GROUP_ID = ?",
                "DELETE FROM GROUP_MEMBER WHERE CONNECTION_ID = ? AND MEMBER_ID = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, connectionId);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        }
        return true;
    }

    /** The groups {@code memberId} is a direct member of. */
    public List<String> groupsOf(String connectionId, String memberId) throws SQLException {
        List<String> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT GROUP_ID FROM GROUP_MEMBER WHERE CONNECTION_ID = ? AND MEMBER_ID = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) groups.add(rs.getString(1));
            }
        }
        return groups;
    }

    /** The direct members of a group, in a stable order. */
    public List<Member> members(String connectionId, String groupId) throws SQLException {
        List<Member> members = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT MEMBER_ID, MEMBER_TYPE, DISPLAY FROM GROUP_MEMBER WHERE CONNECTION_ID = ? AND GROUP_ID = ? ORDER BY MEMBER_ID")) {
            ps.setString(1, connectionId);
            ps.setString(2, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) members.add(new Member(rs.getString(1), ResourceType.valueOf(rs.getString(2)), rs.getString(3)));
            }
        }
        return members;
    }

    /** Adds members a group does not have yet; returns how many were new. */
    public int addMembers(String connectionId, String groupId, Collection<Member> members) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO GROUP_MEMBER g USING (VALUES (?, ?, ?, ?, ?)) v(C, G, M, T, D) "
                + "ON g.CONNECTION_ID = v.C AND g.GROUP_ID = v.G AND g.MEMBER_ID = v.M "
                + "WHEN NOT MATCHED THEN INSERT VALUES (v.C, v.G, v.M, v.T, v.D)")) {
            for (Member m : members) {
                ps.setString(1, connectionId);
                ps.setString(2, groupId);
                ps.setString(3, m.value());
                ps.setString(4, m.type().name());
                ps.setString(5, m.display());
                added += ps.executeUpdate();
            }
        }
        return added;
    }

    /** Removes the given members (absent ones are ignored); returns how many were removed. */
    public int removeMembers(String connectionId, String groupId, Collection<String> memberIds) throws SQLException {
        int removed = 0;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM GROUP_MEMBER WHERE CONNECTION_ID = ? AND GROUP_ID = ? AND MEMBER_ID = ?")) {
            for (String id : memberIds) {
                ps.setString(1, connectionId);
                ps.setString(2, groupId);
                ps.setString(3, id);
                removed += ps.executeUpdate();
            }
        }
        return removed;
    }

    /** Removes every member of a group. */
    public int removeAllMembers(String connectionId, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM GROUP_MEMBER WHERE CONNECTION_ID = ? AND GROUP_ID = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, groupId);
            return ps.executeUpdate();
        }
    }

    /**
     * Records a change for the provisioning side and marks the resource's target state pending, in this transaction.
     *
     * @return the change as queued
     */
    public ChangeRef enqueue(String connectionId, ResourceType type, String resourceId, ChangeOperation operation, Instant now) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO PENDING_CHANGE (CONNECTION_ID, RESOURCE_TYPE, RESOURCE_ID, OPERATION, CREATED_AT_MS) "
                + "VALUES (?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, connectionId);
            ps.setString(2, type.name());
            ps.setString(3, resourceId);
            ps.setString(4, operation.name());
            ps.setLong(5, now.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO TARGET_STATE t USING (VALUES (?, ?, ?)) v(C, R, T) "
                + "ON t.CONNECTION_ID = v.C AND t.RESOURCE_ID = v.R "
                + "WHEN MATCHED THEN UPDATE SET t.STATE = 'PENDING' "
                + "WHEN NOT MATCHED THEN INSERT (CONNECTION_ID, RESOURCE_ID, RESOURCE_TYPE, STATE) VALUES (v.C, v.R, v.T, 'PENDING')")) {
            ps.setString(1, connectionId);
            ps.setString(2, resourceId);
            ps.setString(3, type.name());
            ps.executeUpdate();
        }
        return new ChangeRef(id, connectionId, type, resourceId, operation, now, 0);
    }

    /** The target side of a resource, if any change was ever queued for it. */
    public Optional<TargetState> targetState(String connectionId, String resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RESOURCE_TYPE, TARGET_OBJECT_ID, STATE, LAST_ATTEMPT_MS, LAST_ERROR FROM TARGET_STATE "
                + "WHERE CONNECTION_ID = ? AND RESOURCE_ID = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, resourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long attempt = rs.getLong(4);
                Optional<Instant> lastAttempt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(attempt));
                return Optional.of(new TargetState(resourceId, ResourceType.valueOf(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                        TargetStatus.valueOf(rs.getString(3)), lastAttempt, Optional.ofNullable(rs.getString(5))));
            }
        }
    }
}
