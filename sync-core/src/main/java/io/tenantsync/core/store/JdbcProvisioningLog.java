package io.tenantsync.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ProvisioningLog} over table {@code SYNC_LOG}. The columns queries filter on are columns; modified properties
 * and steps, only ever read with their entry, are one JSON document.
 */
final class JdbcProvisioningLog implements ProvisioningLog {

    private static final String COLUMNS = "ID, CONNECTION_ID, CYCLE_ID, CHANGE_ID, ACTIVITY_AT, OBJECT_TYPE, ACTION, "
            + "STATUS, SOURCE_ID, SOURCE_NAME, TARGET_ID, TARGET_NAME, ERROR_CODE, REASON, DURATION_MS, DETAILS";

    private final Transactor transactor;
    private final ObjectMapper json;

    JdbcProvisioningLog(Transactor transactor, ObjectMapper json) {
        this.transactor = transactor;
        this.json = json;
    }

    @Override
    public void append(ProvisioningLogEntry entry) {
        String details = details(entry);
        transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO SYNC_LOG (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, entry.id());
                ps.setString(2, entry.connectionId().value());
                ps.setString(3, entry.cycleId());
                ps.setString(4, entry.changeId());
                ps.setLong(5, entry.activityDateTime().toEpochMilli());
                ps.setString(6, entry.objectType().name());
                ps.setString(7, entry.action().name());
                ps.setString(8, entry.status().name());
                ps.setString(9, entry.source().id());
                ps.setString(10, entry.source().displayName());
                ps.setString(11, entry.target().id());
                ps.setString(12, entry.target().displayName());
                ps.setString(13, entry.errorCode());
                ps.setString(14, entry.reason());
                ps.setLong(15, entry.durationInMilliseconds());
                ps.setString(16, details);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ProvisioningLogEntry> get(ConnectionId connection, String id) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM SYNC_LOG WHERE CONNECTION_ID = ? AND ID = ?")) {
                ps.setString(1, connection.value());
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public ProvisioningLogPage query(ProvisioningLogQuery query) {
        PageToken after = query.pageToken() == null ? null : PageToken.parse(query.pageToken());
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM SYNC_LOG WHERE CONNECTION_ID = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.connectionId().value());
        if (query.userId() != null) {
            sql.append(" AND (SOURCE_ID = ? OR TARGET_ID = ?)");
            parameters.add(query.userId());
            parameters.add(query.userId());
        }
        if (query.action() != null) {
            sql.append(" AND ACTION = ?");
            parameters.add(query.action().name());
        }
        if (query.status() != null) {
            sql.append(" AND STATUS = ?");
            parameters.add(query.status().name());
        }
        if (query.from() != null) {
            sql.append(" AND ACTIVITY_AT >= ?");
            parameters.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND ACTIVITY_AT < ?");
            parameters.add(query.to().toEpochMilli());
        }
        if (after != null) {
            // keyset paging: stable under appends, and no OFFSET scan over the pages already read
            sql.append(" AND (ACTIVITY_AT < ? OR (ACTIVITY_AT = ? AND ID < ?))");
            parameters.add(after.activityMillis());
            parameters.add(after.activityMillis());
            parameters.add(after.id());
        }
        sql.append(" ORDER BY ACTIVITY_AT DESC, ID DESC FETCH FIRST ? ROWS ONLY");
        parameters.add(query.pageSize() + 1);
        List<ProvisioningLogEntry> entries = transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setObject(i + 1, parameters.get(i));
                }
                List<ProvisioningLogEntry> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            }
        });
        if (entries.size() <= query.pageSize()) {
            return new ProvisioningLogPage(entries, null);
        }
        List<ProvisioningLogEntry> page = entries.subList(0, query.pageSize());
        ProvisioningLogEntry last = page.get(page.size() - 1);
        return new ProvisioningLogPage(page,
                new PageToken(last.activityDateTime().toEpochMilli(), last.id()).toString());
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return transactor.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYNC_LOG WHERE ACTIVITY_AT < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Where a page ended: the last entry's activity time and id. */
    private record PageToken(long activityMillis, String id) {

        static PageToken parse(String token) {
            int colon = token.indexOf(':');
            try {
                return new PageToken(Long.parseLong(token.substring(0, colon)), token.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a page token of this log: " + token, e);
            }
        }

        @Override
        public String toString() {
            return activityMillis + ":" + id;
        }
    }

    private String details(ProvisioningLogEntry entry) {
        ObjectNode root = json.createObjectNode();
        ArrayNode modified = root.putArray("modifiedProperties");
        for (ModifiedProperty property : entry.modifiedProperties()) {
            modified.addObject().put("name", property.name()).put("oldValue", property.oldValue())
                    .put("newValue", property.newValue());
        }
        ArrayNode steps = root.putArray("steps");
        for (ProvisioningStep step : entry.steps()) {
            steps.addObject().put("type", step.type().name()).put("name", step.name())
                    .put("status", step.status().name()).put("description", step.description());
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write log details", e);
        }
    }

    private ProvisioningLogEntry read(ResultSet rs) throws SQLException {
        JsonNode details;
        try {
            details = json.readTree(rs.getString(16));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable details of log entry " + rs.getString(1), e);
        }
        List<ModifiedProperty> modified = new ArrayList<>();
        for (JsonNode property : details.path("modifiedProperties")) {
            modified.add(new ModifiedProperty(property.path("name").asText(), text(property.get("oldValue")),
                    text(property.get("newValue"))));
        }
        List<ProvisioningStep> steps = new ArrayList<>();
        for (JsonNode step : details.path("steps")) {
            steps.add(new ProvisioningStep(ProvisioningStepType.valueOf(step.path("type").asText()),
                    step.path("name").asText(), ProvisioningStatus.valueOf(step.path("status").asText()),
                    step.path("description").asText()));
        }
        return new ProvisioningLogEntry(rs.getString(1), ConnectionId.of(rs.getString(2)), rs.getString(3),
                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), ObjectType.valueOf(rs.getString(6)),
                ProvisioningAction.valueOf(rs.getString(7)), ProvisioningStatus.valueOf(rs.getString(8)),
                new LoggedIdentity(rs.getString(9), rs.getString(10)),
                new LoggedIdentity(rs.getString(11), rs.getString(12)), modified, steps, rs.getString(13),
                rs.getString(14), rs.getLong(15));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
