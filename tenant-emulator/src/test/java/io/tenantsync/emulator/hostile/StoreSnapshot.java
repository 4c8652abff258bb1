package io.tenantsync.emulator.hostile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every row of every table of a database's PUBLIC schema, to prove a series of requests changed nothing. */
public record StoreSnapshot(Map<String, List<String>> rowsByTable) {

    public static StoreSnapshot of(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : tables) {
            List<String> lines = new ArrayList<>();
            try (var statement = c.createStatement(); ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    var line = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        line.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    lines.add(line.toString());
                }
            }
            lines.sort(null);
            rows.put(table, List.copyOf(lines));
        }
        return new StoreSnapshot(rows);
    }

    /** Rows added or removed since {@code earlier}, a line each ("+ TABLE row" / "- TABLE row"), at most 40. */
    public List<String> differencesFrom(StoreSnapshot earlier) {
        List<String> differences = new ArrayList<>();
        var tables = new java.util.TreeSet<>(rowsByTable.keySet());
        tables.addAll(earlier.rowsByTable.keySet());
        for (String table : tables) {
            List<String> now = rowsByTable.getOrDefault(table, List.of());
            List<String> then = earlier.rowsByTable.getOrDefault(table, List.of());
            now.stream().filter(row -> !then.contains(row)).forEach(row -> differences.add("+ " + table + " " + row));
            then.stream().filter(row -> !now.contains(row)).forEach(row -> differences.add("- " + table + " " + row));
        }
        return differences.stream().limit(40).toList();
    }
}
