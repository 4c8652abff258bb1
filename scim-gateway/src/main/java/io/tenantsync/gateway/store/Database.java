package io.tenantsync.gateway.store;

import io.tenantsync.store.hsqldb.PlanStatistics;
import io.tenantsync.store.hsqldb.StatementCache;

import org.hsqldb.jdbc.JDBCDriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The gateway's HSQLDB database: a file database that survives restarts, or memory for tests. Hands out pooled
 * connections; every unit of work either commits whole or rolls back whole.
 */
public final class Database implements AutoCloseable {
    /** Versioned migrations, applied in order; never edit one that has shipped, add the next. */
    private static final List<String> MIGRATIONS = List.of("db/V1__resources.sql", "db/V2__type_scoped_indexes.sql",
            "db/V3__unconfirmed_creation.sql");
    /** HSQLDB's SQLState when MVCC detects a write-write conflict; the whole unit of work is retried. */
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 5;

    private final String url;
    private final BlockingQueue<Connection> pool;
    private final int size;
    private final PlanStatistics plans;

    private Database(String url, int size) throws SQLException {
        this.url = url;
        this.size = size;
        this.pool = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) pool.add(open());
        migrate();
        plans = transaction(PlanStatistics::startingFrom);
    }

    /** A private in-memory database (nothing survives the process). */
    public static Database inMemory() {
        return create("jdbc:hsqldb:mem:gateway-" + UUID.randomUUID());
    }

    /** A file database under {@code dir}; created on first use. */
    public static Database inDirectory(Path dir) {
        return create("jdbc:hsqldb:file:" + dir.toAbsolutePath().resolve("gateway") + ";hsqldb.write_delay=false");
    }

    private static Database create(String url) {
        try {
            return new Database(url, Math.max(8, Runtime.getRuntime().availableProcessors() * 4));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the gateway database: " + e.getMessage(), e);
        }
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "SA");
        p.setProperty("password", "");
        Connection c = new JDBCDriver().connect(url, p);
        c.setAutoCommit(false);
        return StatementCache.wrap(c);
    }

    private void migrate() {
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET DATABASE TRANSACTION CONTROL MVCC");
            }
            return null;
        });
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS SCHEMA_VERSION (VERSION INT NOT NULL PRIMARY KEY, SCRIPT VARCHAR(200) NOT NULL)");
            }
            int current = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(VERSION), 0) FROM SCHEMA_VERSION")) {
                if (rs.next()) current = rs.getInt(1);
            }
            if (current == 0) {
                // compare strings as they are: PAD SPACE collation pads every operand to the column width on each
                // index comparison, which dominated insert and lookup time
                try (Statement s = c.createStatement()) {
                    s.execute("SET DATABASE COLLATION SQL_TEXT NO PAD");
                }
            }
            for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                String script = MIGRATIONS.get(v - 1);
                for (String sql : statements(script)) {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO SCHEMA_VERSION VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, script);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static List<String> statements(String resource) {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing migration " + resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder clean = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.trim().startsWith("--")) clean.append(line).append('\n');
            }
            return Arrays.stream(clean.toString().split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work done on one connection inside one transaction; it may run again after a write-write conflict. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction: commits when it returns, rolls back when it throws. */
    public <T> T transaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            if (plans != null) plans.enter();
            Connection c = take();
            boolean committed = false;
            try {
                T result = work.run(c);
                c.commit();
                committed = true;
                return result;
            } catch (SQLException e) {
                rollback(c);
                if (!SERIALIZATION_FAILURE.equals(e.getSQLState()) || attempt == ATTEMPTS) throw new StoreException(e);
            } catch (RuntimeException | Error e) {
                rollback(c);
                throw e;
            } finally {
                if (plans != null) {
                    plans.exit();
                    if (committed) plans.afterCommit(c);
                }
                pool.add(c);
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters to the caller
        }
    }

    private Connection take() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a database connection", e);
        }
    }

    @Override
    public void close() {
        try {
            Connection c = take();
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already shut down
            }
            pool.add(c);
            for (Connection x : pool) {
                try {
                    x.close();
                } catch (SQLException ignored) {
                    // closing after SHUTDOWN
                }
            }
        } finally {
            pool.clear();
        }
    }

    /** Number of pooled connections. */
    public int poolSize() { return size; }
}
