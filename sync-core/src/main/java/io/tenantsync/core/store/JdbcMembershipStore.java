package io.tenantsync.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link MembershipStore} over tables {@code SYNC_GROUP} and {@code SYNC_GROUP_MEMBER}. That a state was saved, and
 * under which assignment, is recorded as a watermark ({@value #SAVED}), so clearing the watermarks forgets it and a
 * store written before these tables existed is never read as "no members".
 */
final class JdbcMembershipStore implements MembershipStore {

    /** The watermark that says the rows are the state of the stored watermarks' stream. */
    static final String SAVED = "groups.members";
    /** Rows sent to the database per JDBC batch. */
    private static final int BATCH = 1_000;

    private final Transactor transactor;
    private final Clock clock;

    JdbcMembershipStore(Transactor transactor, Clock clock) {
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public Optional<Map<String, Set<String>>> get(ConnectionId connection, String assignment) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT WATERMARK FROM SYNC_WATERMARK WHERE CONNECTION_ID = ? AND NAME = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, SAVED);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals(assignment)) return Optional.empty();
                }
            }
            Map<String, Set<String>> members = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT GROUP_ID FROM SYNC_GROUP WHERE CONNECTION_ID = ?")) {
                ps.setString(1, connection.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) members.put(rs.getString(1), new HashSet<>());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT GROUP_ID, MEMBER_ID FROM SYNC_GROUP_MEMBER WHERE CONNECTION_ID = ?")) {
                ps.setString(1, connection.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) members.computeIfAbsent(rs.getString(1), g -> new HashSet<>()).add(rs.getString(2));
                }
            }
            return Optional.of(members);
        });
    }

    @Override
    public void replace(ConnectionId connection, String assignment, Map<String, Set<String>> groupMembers) {
        transactor.run(c -> {
            delete(c, "DELETE FROM SYNC_GROUP_MEMBER WHERE CONNECTION_ID = ?", connection);
            delete(c, "DELETE FROM SYNC_GROUP WHERE CONNECTION_ID = ?", connection);
            try (PreparedStatement group = c.prepareStatement("INSERT INTO SYNC_GROUP (CONNECTION_ID, GROUP_ID) VALUES (?, ?)");
                 PreparedStatement member = c.prepareStatement(
                         "INSERT INTO SYNC_GROUP_MEMBER (CONNECTION_ID, GROUP_ID, MEMBER_ID) VALUES (?, ?, ?)")) {
                int pending = 0;
                for (Map.Entry<String, Set<String>> entry : groupMembers.entrySet()) {
                    group.setString(1, connection.value());
                    group.setString(2, entry.getKey());
                    group.executeUpdate();
                    for (String memberId : entry.getValue()) {
                        member.setString(1, connection.value());
                        member.setString(2, entry.getKey());
                        member.setString(3, memberId);
                        member.addBatch();
                        if (++pending == BATCH) {
                            member.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) member.executeBatch();
            }
            markSaved(c, connection, assignment);
            return null;
        });
    }

    @Override
    public void apply(ConnectionId connection, List<MemberChange> changes, Collection<String> deletedGroups) {
        if (changes.isEmpty() && deletedGroups.isEmpty()) return;
        Map<MemberChange, Boolean> last = new LinkedHashMap<>();
        for (MemberChange change : changes) {
            last.put(new MemberChange(change.groupId(), change.memberId(), true), change.added());
        }
        transactor.run(c -> {
            Set<String> groups = new HashSet<>();
            last.forEach((pair, added) -> {
                if (added) groups.add(pair.groupId());
            });
            for (String groupId : groups) {
                if (!groupSaved(c, connection, groupId)) {
                    // a group first seen in a change round, as the in-memory state adds it
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO SYNC_GROUP (CONNECTION_ID, GROUP_ID) VALUES (?, ?)")) {
                        ps.setString(1, connection.value());
                        ps.setString(2, groupId);
                        ps.executeUpdate();
                    }
                }
            }
            // every pair touched is deleted, and the added ones inserted again: applying a round twice (read again
            // after a failed cycle) changes nothing
            members(c, "DELETE FROM SYNC_GROUP_MEMBER WHERE CONNECTION_ID = ? AND GROUP_ID = ? AND MEMBER_ID = ?",
                    connection, last.keySet());
            members(c, "INSERT INTO SYNC_GROUP_MEMBER (CONNECTION_ID, GROUP_ID, MEMBER_ID) VALUES (?, ?, ?)",
                    connection, last.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
            for (String groupId : deletedGroups) {
                for (String table : new String[]{"SYNC_GROUP_MEMBER", "SYNC_GROUP"}) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM " + table + " WHERE CONNECTION_ID = ? AND GROUP_ID = ?")) {
                        ps.setString(1, connection.value());
                        ps.setString(2, groupId);
                        ps.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static boolean groupSaved(Connection c, ConnectionId connection, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM SYNC_GROUP WHERE CONNECTION_ID = ? AND GROUP_ID = ?")) {
            ps.setString(1, connection.value());
            ps.setString(2, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void members(Connection c, String sql, ConnectionId connection, Collection<MemberChange> pairs)
            throws SQLException {
        if (pairs.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (MemberChange pair : pairs) {
                ps.setString(1, connection.value());
                ps.setString(2, pair.groupId());
                ps.setString(3, pair.memberId());
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) ps.executeBatch();
        }
    }

    private static void delete(Connection c, String sql, ConnectionId connection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, connection.value());
            ps.executeUpdate();
        }
    }

    private void markSaved(Connection c, ConnectionId connection, String assignment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_WATERMARK WHERE CONNECTION_ID = ? AND NAME = ?")) {
            ps.setString(1, connection.value());
            ps.setString(2, SAVED);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO SYNC_WATERMARK (CONNECTION_ID, NAME, WATERMARK, UPDATED_AT) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, connection.value());
            ps.setString(2, SAVED);
            ps.setString(3, assignment);
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        }
    }
}
