package io.tenantsync.emulator.control;

import io.tenantsync.emulator.fault.FaultInjector;
import io.tenantsync.emulator.graph.RequestJournal;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.throttle.Throttling;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Returns the emulator to an empty directory: deletes every row of every table (directory objects, values, membership,
 * change log, policies, audit, and whatever tables later migrations add) in one transaction, then clears the journal,
 * the fault rules and the throttle state. Kept: the schema version, the emulator state (clock offset), and everything
 * that comes from configuration (tenants, apps, credentials).
 */
public final class EmulatorReset {
    /** Tables whose rows are not tenant data. */
    private static final Set<String> KEEP = Set.of("SCHEMA_VERSION", "EMULATOR_STATE");

    private final Database db;
    private final RequestJournal journal;
    private final FaultInjector faults;
    private final Throttling throttling;

    public EmulatorReset(Database db, RequestJournal journal, FaultInjector faults, Throttling throttling) {
        this.db = db;
        this.journal = journal;
        this.faults = faults;
        this.throttling = throttling;
    }

    /** Resets everything; returns the rows deleted per table. */
    public Map<String, Integer> reset() {
        Map<String, Integer> deleted = db.transaction(this::clearTables);
        journal.clear();
        faults.clear();
        throttling.reset();
        return deleted;
    }

    private Map<String, Integer> clearTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                if (!KEEP.contains(rs.getString(1))) tables.add(rs.getString(1));
            }
        }
        Map<String, Integer> deleted = new LinkedHashMap<>();
        // Tables a later migration links by foreign key must empty children first; retry the refused ones until none
        // is left or a pass makes no progress (then the last refusal is the real error).
        List<String> pending = tables;
        while (!pending.isEmpty()) {
            List<String> refused = new ArrayList<>();
            SQLException last = null;
            for (String t : pending) {
                try (Statement s = c.createStatement()) {
                    deleted.put(t, s.executeUpdate("DELETE FROM \"" + t.replace("\"", "\"\"") + "\""));
                } catch (SQLException e) {
                    refused.add(t);
                    last = e;
                }
            }
            if (refused.size() == pending.size()) throw last;
            pending = refused;
        }
        return deleted;
    }
}
