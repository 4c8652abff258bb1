package io.tenantsync.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link JobStateStore} over tables {@code SYNC_JOB_STATE} and {@code SYNC_STAGED_DELETION}. */
final class JdbcJobStateStore implements JobStateStore {

    private static final String STATE_COLUMNS = "CONNECTION_ID, QUARANTINE_STATE, QUARANTINE_REASON, "
            + "QUARANTINE_ERROR, SERIES_BEGAN, CURRENT_BEGAN, NEXT_ATTEMPT, SERIES_COUNT, FORCE_INITIAL_CYCLE, "
            + "DELETIONS_APPROVED, CYCLE_COUNT, SUCCESSIVE_FAILURES, LAST_CYCLE";
    private static final String STAGED_COLUMNS =
            "CONNECTION_ID, OBJECT_TYPE, SOURCE_ID, TARGET_ID, ACTION, CYCLE_ID, STAGED_AT, REASON";

    private final Transactor transactor;
    private final ObjectMapper json;

    JdbcJobStateStore(Transactor transactor, ObjectMapper json) {
        this.transactor = transactor;
        this.json = json;
    }

    @Override
    public JobState get(ConnectionId connection) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + STATE_COLUMNS + " FROM SYNC_JOB_STATE WHERE CONNECTION_ID = ?")) {
                ps.setString(1, connection.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? read(rs) : JobState.initial(connection);
                }
            }
        });
    }

    @Override
    public void put(JobState state) {
        QuarantineStatus q = state.quarantine();
        String lastCycle = state.lastCycle() == null ? null : write(state.lastCycle());
        transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_JOB_STATE WHERE CONNECTION_ID = ?")) {
                ps.setString(1, state.connectionId().value());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO SYNC_JOB_STATE (" + STATE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, state.connectionId().value());
                ps.setString(2, q.state().name());
                ps.setString(3, q.reason() == null ? null : q.reason().name());
                ps.setString(4, q.error());
                setMillis(ps, 5, q.seriesBegan());
                setMillis(ps, 6, q.currentBegan());
                setMillis(ps, 7, q.nextAttempt());
                ps.setInt(8, q.seriesCount());
                ps.setBoolean(9, state.forceInitialCycle());
                ps.setBoolean(10, state.deletionsApproved());
                ps.setLong(11, state.cycleCount());
                ps.setInt(12, state.countSuccessiveCompleteFailures());
                ps.setString(13, lastCycle);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void stage(StagedDeletion deletion) {
        transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_STAGED_DELETION "
                    + "WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND SOURCE_ID = ?")) {
                ps.setString(1, deletion.connectionId().value());
                ps.setString(2, deletion.objectType().name());
                ps.setString(3, deletion.sourceId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO SYNC_STAGED_DELETION (" + STAGED_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, deletion.connectionId().value());
                ps.setString(2, deletion.objectType().name());
                ps.setString(3, deletion.sourceId());
                ps.setString(4, deletion.targetId());
                ps.setString(5, deletion.action().name());
                ps.setString(6, deletion.cycleId());
                ps.setLong(7, deletion.stagedAt().toEpochMilli());
                ps.setString(8, deletion.reason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<StagedDeletion> staged(ConnectionId connection) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + STAGED_COLUMNS + " FROM SYNC_STAGED_DELETION "
                    + "WHERE CONNECTION_ID = ? ORDER BY STAGED_AT, OBJECT_TYPE, SOURCE_ID")) {
                ps.setString(1, connection.value());
                List<StagedDeletion> staged = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        staged.add(new StagedDeletion(ConnectionId.of(rs.getString(1)),
                                ObjectType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                                ProvisioningAction.valueOf(rs.getString(5)), rs.getString(6),
                                Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
                    }
                }
                return staged;
            }
        });
    }

    @Override
    public boolean unstage(ConnectionId connection, ObjectType type, String sourceId) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_STAGED_DELETION "
                    + "WHERE CONNECTION_ID = ? AND OBJECT_TYPE = ? AND SOURCE_ID = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, type.name());
                ps.setString(3, sourceId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int clearStaged(ConnectionId connection) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM SYNC_STAGED_DELETION WHERE CONNECTION_ID = ?")) {
                ps.setString(1, connection.value());
                return ps.executeUpdate();
            }
        });
    }

    private JobState read(ResultSet rs) throws SQLException {
        String reason = rs.getString(3);
        QuarantineStatus quarantine = new QuarantineStatus(QuarantineState.valueOf(rs.getString(2)),
                reason == null ? null : QuarantineReason.valueOf(reason), rs.getString(4), millis(rs, 5),
                millis(rs, 6), millis(rs, 7), rs.getInt(8));
        String lastCycle = rs.getString(13);
        return new JobState(ConnectionId.of(rs.getString(1)), quarantine, rs.getBoolean(9), rs.getBoolean(10),
                rs.getLong(11), rs.getInt(12), lastCycle == null ? null : readCycle(lastCycle));
    }

    private String write(CycleSummary summary) {
        ObjectNode node = json.createObjectNode()
                .put("cycleId", summary.cycleId())
                .put("kind", summary.kind().name())
                .put("began", summary.began().toEpochMilli())
                .put("ended", summary.ended().toEpochMilli())
                .put("created", summary.created())
                .put("updated", summary.updated())
                .put("disabled", summary.disabled())
                .put("deleted", summary.deleted())
                .put("restored", summary.restored())
                .put("staged", summary.staged())
                .put("skipped", summary.skipped())
                .put("escrowed", summary.escrowed())
                .put("failed", summary.failed())
                .put("error", summary.error());
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the cycle summary", e);
        }
    }

    private CycleSummary readCycle(String text) throws SQLException {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable cycle summary", e);
        }
        JsonNode error = n.get("error");
        return new CycleSummary(n.path("cycleId").asText(), CycleKind.valueOf(n.path("kind").asText()),
                Instant.ofEpochMilli(n.path("began").asLong()), Instant.ofEpochMilli(n.path("ended").asLong()),
                n.path("created").asLong(), n.path("updated").asLong(), n.path("disabled").asLong(),
                n.path("deleted").asLong(), n.path("restored").asLong(), n.path("staged").asLong(),
                n.path("skipped").asLong(), n.path("escrowed").asLong(), n.path("failed").asLong(),
                error == null || error.isNull() ? null : error.asText());
    }

    private static void setMillis(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, instant.toEpochMilli());
        }
    }

    private static Instant millis(ResultSet rs, int index) throws SQLException {
        long value = rs.getLong(index);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
