package io.tenantsync.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link LinkStore} over table {@code SYNC_LINK}. */
final class JdbcLinkStore implements LinkStore {

    private static final String COLUMNS =
            "CONNECTION_ID, OBJECT_TYPE, SOURCE_ID, TARGET_ID, STATE, ATTRIBUTE_HASH, CREATED_AT, UPDATED_AT";

    private final Transactor transactor;

    JdbcLinkStore(Transactor transactor) {
        this.transactor = transactor;
    }

    @Override
    public Optional<ObjectLink> bySource(ConnectionId connection, ObjectType type, String sourceId) {
        return one("SELECT " + COLUMNS + " FROM SYNC_LINK WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND SOURCE_ID = ?",
                connection, type, sourceId);
    }

    @Override
    public Optional<ObjectLink> byTarget(ConnectionId connection, ObjectType type, String targetId) {
        return one("SELECT " + COLUMNS + " FROM SYNC_LINK WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND TARGET_ID = ?",
                connection, type, targetId);
    }

    private Optional<ObjectLink> one(String sql, ConnectionId connection, ObjectType type, String id) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, connection.value());
                ps.setString(2, type.name());
                ps.setString(3, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(ObjectLink link) {
        transactor.run(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE SYNC_LINK SET TARGET_ID = ?, STATE = ?, "
                    + "ATTRIBUTE_HASH = ?, CREATED_AT = ?, UPDATED_AT = ? "
                    + "WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND SOURCE_ID = ?")) {
                ps.setString(1, link.targetId());
                ps.setString(2, link.state().name());
                ps.setString(3, link.attributeHash());
                ps.setLong(4, link.createdAt().toEpochMilli());
                ps.setLong(5, link.updatedAt().toEpochMilli());
                ps.setString(6, link.connectionId().value());
                ps.setString(7, link.objectType().name());
                ps.setString(8, link.sourceId());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO SYNC_LINK (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, link.connectionId().value());
                    ps.setString(2, link.objectType().name());
                    ps.setString(3, link.sourceId());
                    ps.setString(4, link.targetId());
                    ps.setString(5, link.state().name());
                    ps.setString(6, link.attributeHash());
                    ps.setLong(7, link.createdAt().toEpochMilli());
                    ps.setLong(8, link.updatedAt().toEpochMilli());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public boolean remove(ConnectionId connection, ObjectType type, String sourceId) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM SYNC_LINK WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND SOURCE_ID = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, type.name());
                ps.setString(3, sourceId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long count(ConnectionId connection, ObjectType type) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM SYNC_LINK WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, type.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public int clear(ConnectionId connection) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_LINK WHERE CONNECTION_ID = ?")) {
                ps.setString(1, connection.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<ObjectLink> page(ConnectionId connection, ObjectType type, String afterSourceId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one link");
        }
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SYNC_LINK "
                    + "WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND SOURCE_ID > ? "
                    + "ORDER BY SOURCE_ID FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, connection.value());
                ps.setString(2, type.name());
                ps.setString(3, afterSourceId == null ? "" : afterSourceId);
                ps.setInt(4, limit);
                List<ObjectLink> links = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        links.add(read(rs));
                    }
                }
                return links;
            }
        });
    }

    private static ObjectLink read(ResultSet rs) throws SQLException {
        return new ObjectLink(ConnectionId.of(rs.getString(1)), ObjectType.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), LinkState.valueOf(rs.getString(5)), rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }
}
