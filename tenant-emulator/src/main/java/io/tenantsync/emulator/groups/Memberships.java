package io.tenantsync.emulator.groups;

import io.tenantsync.emulator.graph.ListQuery;
import io.tenantsync.emulator.store.DirectoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Direct group membership in MEMBERSHIP, and the queries that read it. Every change also appends the group's
 * {@code memberAdded}/{@code memberRemoved} change-log row that delta queries read. Reads only ever return live
 * objects: a soft-deleted member keeps its row but stays hidden until restored.
 */
final class Memberships {
    /** A set of directory objects, as a SQL predicate over {@code DIRECTORY_OBJECT o}. */
    record Scope(String sql, List<Object> params) {
        /** The direct members of a group. */
        static Scope membersOf(String tenantId, String groupId) {
            return new Scope("o.ID IN (SELECT m.MEMBER_ID FROM MEMBERSHIP m WHERE m.TENANT_ID = ? AND m.GROUP_ID = ?)", List.of(tenantId, groupId));
        }

        /** The groups an object is a direct member of. */
        static Scope groupsOf(String tenantId, String memberId) {
            return new Scope("o.ID IN (SELECT m.GROUP_ID FROM MEMBERSHIP m WHERE m.TENANT_ID = ? AND m.MEMBER_ID = ?)", List.of(tenantId, memberId));
        }

        /** Objects whose ids are given (a transitive closure). */
        static Scope ids(Collection<String> ids) {
            return new Scope("o.ID IN (UNNEST(CAST(? AS VARCHAR(36) ARRAY)))", List.of((Object) ids.toArray(new String[0])));
        }
    }

    /** A live object on a page: id and type. */
    record Ref(String id, String type) {}

    private final DirectoryStore store;

    Memberships(DirectoryStore store) {
        this.store = store;
    }

    /** Adds a member; false (and nothing written) when it is already one. */
    boolean add(Connection c, String tenantId, String groupId, String memberId) throws SQLException {
        if (contains(c, tenantId, groupId, memberId)) return false;
        DirectoryStore.exec(c, "INSERT INTO MEMBERSHIP (TENANT_ID, GROUP_ID, MEMBER_ID) VALUES (?, ?, ?)", tenantId, groupId, memberId);
        store.appendChange(c, tenantId, "group", groupId, DirectoryStore.MEMBER_ADDED, memberId);
        return true;
    }

    /** Removes a member; false (and nothing written) when it was not one. */
    boolean remove(Connection c, String tenantId, String groupId, String memberId) throws SQLException {
        int n = DirectoryStore.exec(c, "DELETE FROM MEMBERSHIP WHERE TENANT_ID = ? AND GROUP_ID = ? AND MEMBER_ID = ?", tenantId, groupId, memberId);
        if (n == 0) return false;
        store.appendChange(c, tenantId, "group", groupId, DirectoryStore.MEMBER_REMOVED, memberId);
        return true;
    }

    boolean contains(Connection c, String tenantId, String groupId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MEMBERSHIP WHERE TENANT_ID = ? AND GROUP_ID = ? AND MEMBER_ID = ?")) {
            DirectoryStore.bind(ps, List.of(tenantId, groupId, memberId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Every group (live or soft-deleted) that has the object as a direct member. */
    List<String> allGroupsOf(Connection c, String tenantId, String memberId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT GROUP_ID FROM MEMBERSHIP WHERE TENANT_ID = ? AND MEMBER_ID = ? ORDER BY GROUP_ID")) {
            DirectoryStore.bind(ps, List.of(tenantId, memberId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Live direct members of a group, as closure edges (groups expand). */
    List<Closure.Edge> liveMembers(Connection c, String tenantId, String groupId) throws SQLException {
        return edges(c, "SELECT o.ID, o.OBJECT_TYPE FROM MEMBERSHIP m JOIN DIRECTORY_OBJECT o ON o.TENANT_ID = m.TENANT_ID AND o.ID = m.MEMBER_ID "
                + "WHERE m.TENANT_ID = ? AND m.GROUP_ID = ? AND o.DELETED = FALSE", tenantId, groupId);
    }

    /** Live groups that have the object as a direct member, as closure edges. */
    List<Closure.Edge> liveGroupsOf(Connection c, String tenantId, String memberId) throws SQLException {
        return edges(c, "SELECT o.ID, o.OBJECT_TYPE FROM MEMBERSHIP m JOIN DIRECTORY_OBJECT o ON o.TENANT_ID = m.TENANT_ID AND o.ID = m.GROUP_ID "
                + "WHERE m.TENANT_ID = ? AND m.MEMBER_ID = ? AND o.DELETED = FALSE", tenantId, memberId);
    }

    private static List<Closure.Edge> edges(Connection c, String sql, String tenantId, String id) throws SQLException {
        List<Closure.Edge> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            DirectoryStore.bind(ps, List.of(tenantId, id));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Closure.Edge(rs.getString(1), "group".equals(rs.getString(2))));
            }
        }
        return out;
    }

    /**
     * One page of live objects in a scope, in the query's order (id order unless {@code $orderby}), optionally only
     * of one type, after the query's cursor; {@code limit} rows at most.
     */
    List<Ref> page(Connection c, String tenantId, Scope scope, String type, ListQuery q, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT o.ID, o.OBJECT_TYPE FROM DIRECTORY_OBJECT o");
        List<Object> params = new ArrayList<>();
        where(sql, params, tenantId, scope, type, q);
        if (q.orderBy() == null) {
            if (q.cursor().afterId() != null) {
                sql.append(" AND o.ID > ?");
                params.add(q.cursor().afterId());
            }
            sql.append(" ORDER BY o.ID");
        } else {
            sql.append(" ORDER BY ").append(q.orderBy()).append(", o.ID");
        }
        sql.append(" LIMIT ").append(limit);
        if (q.orderBy() != null && q.cursor().offset() > 0) sql.append(" OFFSET ").append(q.cursor().offset());
        List<Ref> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql.toString(), params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Ref(rs.getString(1), rs.getString(2)));
        }
        return out;
    }

    /** How many live objects of a scope match the query's filter. */
    long count(Connection c, String tenantId, Scope scope, String type, ListQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM DIRECTORY_OBJECT o");
        List<Object> params = new ArrayList<>();
        where(sql, params, tenantId, scope, type, q);
        try (PreparedStatement ps = prepare(c, sql.toString(), params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void where(StringBuilder sql, List<Object> params, String tenantId, Scope scope, String type, ListQuery q) {
        sql.append(" WHERE o.TENANT_ID = ? AND o.DELETED = FALSE AND ").append(scope.sql());
        params.add(tenantId);
        params.addAll(scope.params());
        if (type != null) {
            sql.append(" AND o.OBJECT_TYPE = ?");
            params.add(type);
        }
        if (q.whereSql() != null) {
            sql.append(" AND (").append(q.whereSql()).append(')');
            params.addAll(q.whereParams());
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            List<Object> bound = new ArrayList<>();
            for (Object p : params) bound.add(p instanceof String[] a ? c.createArrayOf("VARCHAR", a) : p);
            DirectoryStore.bind(ps, bound);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
