package io.tenantsync.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link EscrowStore} over table {@code SYNC_ESCROW}. */
final class JdbcEscrowStore implements EscrowStore {

    private static final String COLUMNS = "CONNECTION_ID, OBJECT_TYPE, OBJECT_ID, TARGET_ID, ACTION, IS_REFERENCE, "
            + "ATTEMPTS, FIRST_FAILED_AT, NEXT_ATTEMPT_AT, FAILURE_KIND, ERROR_CODE, ERROR_MESSAGE";

    private final Transactor transactor;

    JdbcEscrowStore(Transactor transactor) {
        this.transactor = transactor;
    }

    @Override
    public void put(Escrow escrow) {
        transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM SYNC_ESCROW WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND OBJECT_ID = ?")) {
                ps.setString(1, escrow.connectionId().value());
                ps.setString(2, escrow.objectType().name());
                ps.setString(3, escrow.objectId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO SYNC_ESCROW (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, escrow.connectionId().value());
                ps.setString(2, escrow.objectType().name());
                ps.setString(3, escrow.objectId());
                ps.setString(4, escrow.targetId());
                ps.setString(5, escrow.action().name());
                ps.setBoolean(6, escrow.reference());
                ps.setInt(7, escrow.attempts());
                ps.setLong(8, escrow.firstFailedAt().toEpochMilli());
                ps.setLong(9, escrow.nextAttemptAt().toEpochMilli());
                ps.setString(10, escrow.lastFailure().kind().name());
                ps.setString(11, escrow.lastFailure().errorCode());
                ps.setString(12, escrow.lastFailure().message());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Escrow> get(ConnectionId connection, ObjectType type, String objectId) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM SYNC_ESCROW WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND OBJECT_ID = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, type.name());
                ps.setString(3, objectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Escrow> due(ConnectionId connection, Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a due list holds at least one escrow");
        }
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SYNC_ESCROW "
                    + "WHERE CONNECTION_ID = ? AND NEXT_ATTEMPT_AT <= ? "
                    + "ORDER BY NEXT_ATTEMPT_AT, OBJECT_TYPE, OBJECT_ID FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, connection.value());
                ps.setLong(2, now.toEpochMilli());
                ps.setInt(3, limit);
                List<Escrow> due = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(read(rs));
                    }
                }
                return due;
            }
        });
    }

    @Override
    public boolean remove(ConnectionId connection, ObjectType type, String objectId) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM SYNC_ESCROW WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND OBJECT_ID = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, type.name());
                ps.setString(3, objectId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Counts counts(ConnectionId connection) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "COALESCE(SUM(CASE WHEN IS_REFERENCE THEN 0 ELSE 1 END), 0), "
                    + "COALESCE(SUM(CASE WHEN IS_REFERENCE THEN 1 ELSE 0 END), 0) "
                    + "FROM SYNC_ESCROW WHERE CONNECTION_ID = ?")) {
                ps.setString(1, connection.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    @Override
    public int clear(ConnectionId connection) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_ESCROW WHERE CONNECTION_ID = ?")) {
                ps.setString(1, connection.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int removeFirstFailedBefore(ConnectionId connection, Instant cutoff) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM SYNC_ESCROW WHERE CONNECTION_ID = ? AND FIRST_FAILED_AT < ?")) {
                ps.setString(1, connection.value());
                ps.setLong(2, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static Escrow read(ResultSet rs) throws SQLException {
        return new Escrow(ConnectionId.of(rs.getString(1)), ObjectType.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), ProvisioningAction.valueOf(rs.getString(5)), rs.getBoolean(6), rs.getInt(7),
                Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)),
                new WriteFailure(FailureKind.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12)));
    }
}
