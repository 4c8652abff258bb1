package io.tenantsync.store.hsqldb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps HSQLDB's query plans in step with the size of the tables.
 *
 * <p>HSQLDB picks a statement's indexes from per-table statistics that it takes the first time a query needs them
 * and retakes only once a table passes 16,384 rows, and a compiled statement keeps its plan until the schema changes.
 * A database that starts empty therefore plans every query as if its tables were empty, where all indexes cost the
 * same, and keeps those plans: a lookup that should read one row off its index walks the whole tenant instead (in
 * the emulator this made each B2B-user lookup cost a millisecond per 5,000 users). Adding an index to a table is what
 * makes HSQLDB drop that table's statistics and recompile its statements, so whenever a table has doubled since its
 * statistics were taken, this adds an index to it and drops it again.
 *
 * <p>That schema change needs the database to itself. Transactions hold a shared lock ({@link #enter}/{@link #exit});
 * the refresh takes the exclusive one only when it gets it within a short wait, and else tries again later, so it
 * can never deadlock with a transaction that waits on another.
 */
public final class PlanStatistics {
    /** Tables smaller than this are read whole by any plan: not worth a schema change. */
    private static final long SMALLEST = 64;
    /**
     * Statistics taken at this size already tell the indexes apart as well as at any larger one; refreshing beyond
     * would only cost ever longer index builds.
     */
    private static final long LARGE_ENOUGH = 16_384;
    private static final long WAIT_MILLIS = 50;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong commits = new AtomicLong();
    /** Rows per table when its statistics were last taken (guarded by the write lock). */
    private final Map<String, Long> plannedAt = new HashMap<>();

    private PlanStatistics() {}

    /** Statistics for a database whose tables now hold what they hold: HSQLDB's first statistics will see that. */
    public static PlanStatistics startingFrom(Connection c) throws SQLException {
        PlanStatistics stats = new PlanStatistics();
        stats.plannedAt.putAll(tableSizes(c));
        return stats;
    }

    /** Before a transaction starts on this database. */
    public void enter() {
        lock.readLock().lock();
    }

    /** After a transaction ended (committed or rolled back). */
    public void exit() {
        lock.readLock().unlock();
    }

    /**
     * After {@link #exit} of a committed transaction, on its connection: now and then, refreshes the statistics of
     * tables that have doubled. Does nothing inside an enclosing transaction of the same thread.
     */
    public void afterCommit(Connection c) {
        if (!due(commits.incrementAndGet()) || lock.getReadHoldCount() > 0) return;
        try {
            if (!lock.writeLock().tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            refreshGrown(c);
        } catch (SQLException e) {
            // only plans are at stake; the next check tries again
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection reports its own state to the next transaction
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Checks after commits 1, 2, 4 … 1,024 and then every 1,024th: early while tables are small, rarely after. */
    static boolean due(long commit) {
        return commit <= 1024 ? Long.bitCount(commit) == 1 : commit % 1024 == 0;
    }

    private void refreshGrown(Connection c) throws SQLException {
        for (Map.Entry<String, Long> table : tableSizes(c).entrySet()) {
            long rows = table.getValue(), planned = plannedAt.getOrDefault(table.getKey(), 0L);
            if (rows >= SMALLEST && rows >= 2 * planned && planned < LARGE_ENOUGH) {
                replan(c, table.getKey());
                plannedAt.put(table.getKey(), rows);
            }
        }
        c.commit();
    }

    private static void replan(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            String column;
            // the result's metadata, not DatabaseMetaData.getColumns: HSQLDB builds that view of every column for each call
            try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" WHERE FALSE")) {
                column = rs.getMetaData().getColumnName(1);
            }
            String index = "\"REPLAN_" + table + "\"";
            s.execute("CREATE INDEX " + index + " ON \"" + table + "\" (\"" + column + "\")");
            s.execute("DROP INDEX " + index);
        }
    }

    /** Row counts of the user tables, as HSQLDB keeps them (no table is read). */
    static Map<String, Long> tableSizes(Connection c) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TABLE_NAME, CARDINALITY FROM INFORMATION_SCHEMA.SYSTEM_TABLESTATS"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (rs.next()) sizes.put(rs.getString(1), rs.getLong(2));
        }
        c.commit();
        return sizes;
    }
}
