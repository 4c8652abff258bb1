package io.tenantsync.emulator.directory.delta;

import io.tenantsync.emulator.store.DirectoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CHANGE_LOG and MEMBERSHIP reads delta needs: watermarks, changed objects, member changes, current members. */
final class ChangeLog {
    /** How far below the newest sequence the watermark looks for holes (bounds the scan; older holes are history). */
    static final long HOLE_HORIZON = 10_000;

    /** A member change of a group, collapsed to its latest kind. */
    record MemberChange(String memberId, boolean added) {}

    /** A group member and the member's object type. */
    record Member(String id, String type) {}

    private final DirectoryStore store;

    ChangeLog(DirectoryStore store) {
        this.store = store;
    }

    /**
     * The watermark for a round that starts now, having delivered everything up to {@code from}. Sequences are
     * drawn when a change is written but become visible at commit, so a lower one can still appear after a higher
     * one: while another session holds uncommitted writes, the watermark stops just before the first hole, and the
     * changes above it come again in the next round (at worst twice, never not at all). Without such a session every
     * hole is a rolled-back write, and the newest sequence is the watermark. Call it before reading any object.
     *
     * @throws io.tenantsync.emulator.graph.GraphException 400 when {@code from} is ahead of the log (a token of
     *         another emulator database: the client must start over)
     */
    long watermark(Connection c, long from) throws SQLException {
        long max = store.latestChange(c);
        if (from > max) throw DeltaToken.invalid();
        long lo = Math.max(from, max - HOLE_HORIZON);
        long hole = -1;
        try (PreparedStatement ps = c.prepareStatement("SELECT SEQ FROM CHANGE_LOG WHERE SEQ > ? AND SEQ <= ? ORDER BY SEQ")) {
            ps.setLong(1, lo);
            ps.setLong(2, max);
            long expected = lo + 1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && hole < 0) {
                    if (rs.getLong(1) != expected) hole = expected;
                    expected++;
                }
            }
        }
        // checked after the scan: a writer that commits in between is already visible to every read that follows
        return hole >= 0 && othersWriting(c) ? hole - 1 : max;
    }

    /** Whether another database session has uncommitted row changes. */
    private static boolean othersWriting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SYSTEM_SESSIONS "
                + "WHERE SESSION_ID <> SESSION_ID() AND TRANSACTION_SIZE > 0"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Ids of objects of a type with changes in (from, to], after {@code afterId} in id order, at most {@code limit}. */
    List<String> changedIds(Connection c, String tenantId, String type, long from, long to, String afterId, List<String> only,
                            int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT DISTINCT OBJECT_ID FROM CHANGE_LOG WHERE TENANT_ID = ? AND OBJECT_TYPE = ? "
                + "AND SEQ > ? AND SEQ <= ?");
        List<Object> params = new ArrayList<>(List.of(tenantId, type, from, to));
        if (afterId != null) {
            sql.append(" AND OBJECT_ID > ?");
            params.add(afterId);
        }
        if (!only.isEmpty()) {
            sql.append(" AND OBJECT_ID IN (").append(marks(only.size())).append(')');
            params.addAll(only);
        }
        sql.append(" ORDER BY OBJECT_ID LIMIT ").append(limit);
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            DirectoryStore.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Per group, the members added or removed in (from, to], each member once with the kind of its latest change. */
    Map<String, List<MemberChange>> memberChanges(Connection c, String tenantId, List<String> groupIds, long from, long to)
            throws SQLException {
        if (groupIds.isEmpty()) return Map.of();
        Map<String, Map<String, Boolean>> latest = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>(List.of(tenantId, from, to, DirectoryStore.MEMBER_ADDED, DirectoryStore.MEMBER_REMOVED));
        params.addAll(groupIds);
        try (PreparedStatement ps = c.prepareStatement("SELECT OBJECT_ID, MEMBER_ID, KIND FROM CHANGE_LOG WHERE TENANT_ID = ? "
                + "AND OBJECT_TYPE = 'group' AND SEQ > ? AND SEQ <= ? AND KIND IN (?, ?) AND MEMBER_ID IS NOT NULL "
                + "AND OBJECT_ID IN (" + marks(groupIds.size()) + ") ORDER BY SEQ")) {
            DirectoryStore.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latest.computeIfAbsent(rs.getString(1), g -> new LinkedHashMap<>())
                            .put(rs.getString(2), DirectoryStore.MEMBER_ADDED.equals(rs.getString(3)));
                }
            }
        }
        Map<String, List<MemberChange>> out = new LinkedHashMap<>();
        latest.forEach((g, members) -> out.put(g, members.entrySet().stream()
                .map(e -> new MemberChange(e.getKey(), e.getValue())).toList()));
        return out;
    }

    /** Per group, its current members that are live objects (soft-deleted members stay hidden), in id order. */
    Map<String, List<Member>> liveMembers(Connection c, String tenantId, List<String> groupIds) throws SQLException {
        if (groupIds.isEmpty()) return Map.of();
        Map<String, List<Member>> out = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>(List.of(tenantId));
        params.addAll(groupIds);
        try (PreparedStatement ps = c.prepareStatement("SELECT m.GROUP_ID, m.MEMBER_ID, o.OBJECT_TYPE FROM MEMBERSHIP m "
                + "JOIN DIRECTORY_OBJECT o ON o.TENANT_ID = m.TENANT_ID AND o.ID = m.MEMBER_ID "
                + "WHERE m.TENANT_ID = ? AND o.DELETED = FALSE AND m.GROUP_ID IN (" + marks(groupIds.size()) + ") "
                + "ORDER BY m.GROUP_ID, m.MEMBER_ID")) {
            DirectoryStore.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), g -> new ArrayList<>()).add(new Member(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /**
     * The object type of each id: from the directory, or for purged objects from their last change-log row; ids
     * never seen are absent.
     */
    Map<String, String> types(Connection c, String tenantId, Collection<String> ids) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : ids) {
            String type = firstString(c, "SELECT OBJECT_TYPE FROM DIRECTORY_OBJECT WHERE TENANT_ID = ? AND ID = ?", tenantId, id);
            if (type == null) {
                type = firstString(c, "SELECT OBJECT_TYPE FROM CHANGE_LOG WHERE TENANT_ID = ? AND OBJECT_ID = ? ORDER BY SEQ DESC LIMIT 1",
                        tenantId, id);
            }
            if (type != null) out.put(id, type);
        }
        return out;
    }

    private static String firstString(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            DirectoryStore.bind(ps, List.of(params));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
