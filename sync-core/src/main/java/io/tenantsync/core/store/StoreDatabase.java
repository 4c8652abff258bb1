package io.tenantsync.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import io.tenantsync.store.hsqldb.PlanStatistics;
import io.tenantsync.store.hsqldb.StatementCache;
import org.hsqldb.jdbc.JDBCDriver;

/**
 * The store's database: a small pool of connections, versioned migrations applied on open, and transactions that
 * commit whole or roll back whole.
 */
final class StoreDatabase implements Transactor, AutoCloseable {

    /** Versioned migrations, applied in order; never edit one that has shipped, add the next. */
    private static final List<String> MIGRATIONS = List.of("io/tenantsync/core/store/migrations/V1__sync_store.sql",
            "io/tenantsync/core/store/migrations/V2__assigned_group_members.sql");

    private final String url;
    private final Properties credentials;
    private final boolean hsqldb;
    private final BlockingQueue<Connection> pool;
    private final boolean readOnly;
    /** HSQLDB's plans kept in step with the tables (null for another database, or until migrated). */
    private volatile PlanStatistics plans;

    StoreDatabase(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, false);
    }

    /**
     * @param readOnly open an existing database without migrating or shutting it down (a reader next to the process
     *                 that owns it); a database older than this build must be opened writable once first
     */
    StoreDatabase(String url, String user, String password, int poolSize, boolean readOnly) {
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        this.hsqldb = url.startsWith("jdbc:hsqldb:");
        this.pool = new ArrayBlockingQueue<>(poolSize);
        this.readOnly = readOnly;
        try {
            for (int i = 0; i < poolSize; i++) {
                pool.add(open());
            }
        } catch (SQLException e) {
            closeAll();
            throw new StoreException(e);
        }
        if (readOnly) {
            checkSchema();
        } else {
            migrate();
            if (hsqldb) plans = run(PlanStatistics::startingFrom);
        }
    }

    private void checkSchema() {
        int version;
        try {
            version = schemaVersion();
        } catch (StoreException e) {
            close();
            throw new IllegalStateException("no sync store here (no schema)", e);
        }
        if (version != MIGRATIONS.size()) {
            close();
            throw new IllegalStateException("the store's schema is at version " + version + ", this build reads "
                    + MIGRATIONS.size() + "; open it writable once (run the job) to migrate it");
        }
    }

    private Connection open() throws SQLException {
        // the HSQLDB driver is called directly so a shaded jar needs no driver registration
        Connection connection = hsqldb ? new JDBCDriver().connect(url, credentials)
                : DriverManager.getConnection(url, credentials);
        connection.setAutoCommit(false);
        return StatementCache.wrap(connection);
    }

    /** The schema version the database is at after opening. */
    int schemaVersion() {
        return run(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(VERSION), 0) FROM SCHEMA_VERSION")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private void migrate() {
        if (hsqldb) {
            run(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SET DATABASE TRANSACTION CONTROL MVCC");
                }
                return null;
            });
        }
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS SCHEMA_VERSION "
                        + "(VERSION INT NOT NULL PRIMARY KEY, SCRIPT VARCHAR(200) NOT NULL)");
            }
            int current;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(VERSION), 0) FROM SCHEMA_VERSION")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > MIGRATIONS.size()) {
                throw new IllegalStateException("the store's schema is at version " + current
                        + ", newer than this build knows (" + MIGRATIONS.size() + ")");
            }
            if (current == 0 && hsqldb) {
                // compare strings as they are: PAD SPACE pads every operand to the column width on each comparison
                try (Statement s = c.createStatement()) {
                    s.execute("SET DATABASE COLLATION SQL_TEXT NO PAD");
                }
            }
            for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                String script = MIGRATIONS.get(version - 1);
                for (String sql : statements(script)) {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO SCHEMA_VERSION VALUES (?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, script);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static List<String> statements(String resource) {
        try (InputStream in = StoreDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return Arrays.stream(sql.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }

    @Override
    public <T> T run(Work<T> work) {
        PlanStatistics plans = this.plans;
        if (plans != null) plans.enter();
        Connection connection = take();
        boolean committed = false;
        try {
            T result = work.run(connection);
            connection.commit();
            committed = true;
            return result;
        } catch (SQLException e) {
            rollback(connection);
            throw new StoreException(e);
        } catch (RuntimeException | Error e) {
            rollback(connection);
            throw e;
        } finally {
            if (plans != null) {
                plans.exit();
                if (committed) plans.afterCommit(connection);
            }
            pool.add(connection);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the failure that caused the rollback is what the caller needs to see
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
        if (hsqldb && !readOnly && !pool.isEmpty()) {
            Connection connection = take();
            try (Statement s = connection.createStatement()) {
                // flush a file database to disk and release its lock, so the next open sees everything
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already shut down
            }
            pool.add(connection);
        }
        closeAll();
    }

    private void closeAll() {
        for (Connection connection : pool) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing after SHUTDOWN
            }
        }
        pool.clear();
    }
}
