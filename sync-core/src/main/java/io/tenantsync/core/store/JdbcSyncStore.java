package io.tenantsync.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * {@link SyncStore} over JDBC. HSQLDB embedded is the default: {@link #inMemory} for tests, {@link #inDirectory} for a
 * store that survives restarts. {@link #open} takes any JDBC URL whose driver is on the class path; the SQL is kept to
 * what PostgreSQL also runs, though only HSQLDB is tested.
 */
public final class JdbcSyncStore implements SyncStore {

    private static final int POOL_SIZE = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

    private final StoreDatabase database;
    private final boolean boundToTransaction;
    private final LinkStore links;
    private final WatermarkStore watermarks;
    private final MembershipStore membership;
    private final EscrowStore escrows;
    private final ProvisioningLog provisioningLog;
    private final JobStateStore jobState;
    private final Clock clock;
    private final ObjectMapper json;

    private JdbcSyncStore(StoreDatabase database, Transactor transactor, boolean boundToTransaction, Clock clock,
                          ObjectMapper json) {
        this.database = database;
        this.boundToTransaction = boundToTransaction;
        this.clock = clock;
        this.json = json;
        this.links = new JdbcLinkStore(transactor);
        this.watermarks = new JdbcWatermarkStore(transactor, clock);
        this.membership = new JdbcMembershipStore(transactor, clock);
        this.escrows = new JdbcEscrowStore(transactor);
        this.provisioningLog = new JdbcProvisioningLog(transactor, json);
        this.jobState = new JdbcJobStateStore(transactor, json);
    }

    /** A private in-memory store; nothing survives {@link #close()}. */
    public static JdbcSyncStore inMemory(Clock clock) {
        return open("jdbc:hsqldb:mem:sync-" + UUID.randomUUID(), "SA", "", clock);
    }

    /**
     * A file store in {@code directory} (created on first use). Every commit is written through, so a crash loses no
     * committed unit of work.
     */
    public static JdbcSyncStore inDirectory(Path directory, Clock clock) {
        return open("jdbc:hsqldb:file:" + directory.toAbsolutePath().resolve("sync")
                + ";shutdown=true;hsqldb.write_delay=false", "SA", "", clock);
    }

    /**
     * The file store in {@code directory} opened for reading only, without taking its lock, so status and log queries
     * work while the job's own process holds it. It sees what was committed when it opened; writes fail.
     *
     * @throws IllegalStateException when the directory holds no store of this build's schema
     */
    public static JdbcSyncStore readOnlyInDirectory(Path directory, Clock clock) {
        if (!java.nio.file.Files.exists(directory.resolve("sync.script"))
                && !java.nio.file.Files.exists(directory.resolve("sync.properties"))) {
            throw new IllegalStateException("no sync store in " + directory.toAbsolutePath());
        }
        StoreDatabase database = new StoreDatabase("jdbc:hsqldb:file:" + directory.toAbsolutePath().resolve("sync")
                + ";readonly=true;ifexists=true;hsqldb.lock_file=false;shutdown=true", "SA", "", 1, true);
        return new JdbcSyncStore(database, database, false, clock, new ObjectMapper());
    }

    /** A store at {@code jdbcUrl}, its schema migrated to the newest version. */
    public static JdbcSyncStore open(String jdbcUrl, String user, String password, Clock clock) {
        StoreDatabase database = new StoreDatabase(jdbcUrl, user, password, POOL_SIZE);
        return new JdbcSyncStore(database, database, false, clock, new ObjectMapper());
    }

    /** The schema version this store's database is at. */
    public int schemaVersion() {
        return database.schemaVersion();
    }

    @Override
    public LinkStore links() {
        return links;
    }

    @Override
    public WatermarkStore watermarks() {
        return watermarks;
    }

    @Override
    public MembershipStore membership() {
        return membership;
    }

    @Override
    public EscrowStore escrows() {
        return escrows;
    }

    @Override
    public ProvisioningLog provisioningLog() {
        return provisioningLog;
    }

    @Override
    public JobStateStore jobState() {
        return jobState;
    }

    @Override
    public <T> T inTransaction(UnitOfWork<T> work) {
        if (boundToTransaction) {
            return work.run(this);
        }
        return database.run(connection -> work.run(
                new JdbcSyncStore(database, Transactor.bound(connection), true, clock, json)));
    }

    /** Closes the database; on the view a unit of work receives, does nothing (the unit's owner closes). */
    @Override
    public void close() {
        if (!boundToTransaction) {
            database.close();
        }
    }
}
