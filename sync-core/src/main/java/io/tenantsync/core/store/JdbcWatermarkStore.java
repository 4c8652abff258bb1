package io.tenantsync.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link WatermarkStore} over table {@code SYNC_WATERMARK}. */
final class JdbcWatermarkStore implements WatermarkStore {

    private final Transactor transactor;
    private final Clock clock;

    JdbcWatermarkStore(Transactor transactor, Clock clock) {
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(ConnectionId connection, String name) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT WATERMARK FROM SYNC_WATERMARK WHERE CONNECTION_ID = ? AND NAME = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Instant> updatedAt(ConnectionId connection, String name) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT UPDATED_AT FROM SYNC_WATERMARK WHERE CONNECTION_ID = ? AND NAME = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(ConnectionId connection, String name, String value) {
        Objects.requireNonNull(value, "value");
        long now = clock.millis();
        transactor.run(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE SYNC_WATERMARK SET WATERMARK = ?, UPDATED_AT = ? WHERE CONNECTION_ID = ? AND NAME = ?")) {
                ps.setString(1, value);
                ps.setLong(2, now);
                ps.setString(3, connection.value());
                ps.setString(4, name);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO SYNC_WATERMARK (CONNECTION_ID, NAME, WATERMARK, UPDATED_AT) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, connection.value());
                    ps.setString(2, name);
                    ps.setString(3, value);
                    ps.setLong(4, now);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public int clear(ConnectionId connection) {
        return transactor.run(c -> {
            int cleared;
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM SYNC_WATERMARK WHERE CONNECTION_ID = ? AND NAME <> ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, JdbcMembershipStore.SAVED);
                cleared = ps.executeUpdate();
            }
            // the saved membership belongs to the stream position: forgotten with it, but not counted as a watermark
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_WATERMARK WHERE CONNECTION_ID = ? AND NAME = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, JdbcMembershipStore.SAVED);
                ps.executeUpdate();
            }
            return cleared;
        });
    }
}
