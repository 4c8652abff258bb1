package io.tenantsync.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hsqldb.jdbc.JDBCDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versioned migrations and the pool: reopening does not migrate twice, a newer schema is refused. */
class SchemaMigrationTest {

    static final ConnectionId CONTOSO = ConnectionId.of("contoso-to-fabrikam");

    @Test
    void reopeningAMigratedStoreAppliesNothingTwice(@TempDir Path directory) {
        JdbcSyncStore.inDirectory(directory, Clock.systemUTC()).close();

        try (JdbcSyncStore reopened = JdbcSyncStore.inDirectory(directory, Clock.systemUTC())) {
            assertThat(reopened.schemaVersion()).isEqualTo(2);
        }
    }

    @Test
    void aStoreMigratedByANewerBuildIsRefused(@TempDir Path directory) throws Exception {
        JdbcSyncStore.inDirectory(directory, Clock.systemUTC()).close();
        Properties sa = new Properties();
        sa.setProperty("user", "SA");
        sa.setProperty("password", "");
        String url = "jdbc:hsqldb:file:" + directory.toAbsolutePath().resolve("sync") + ";shutdown=true";
        try (Connection c = new JDBCDriver().connect(url, sa); Statement s = c.createStatement()) {
            s.execute("INSERT INTO SCHEMA_VERSION VALUES (3, 'from the future')");
            s.execute("SHUTDOWN");
        }

        assertThatThrownBy(() -> JdbcSyncStore.inDirectory(directory, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 3");
    }

    @Test
    void concurrentUnitsOfWorkAllCommit() throws Exception {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (JdbcSyncStore store = JdbcSyncStore.inMemory(Clock.systemUTC())) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "s" + i;
                writes.add(pool.submit(() -> store.runInTransaction(tx -> {
                    tx.links().put(ObjectLink.active(CONTOSO, ObjectType.USER, id, "t-" + id, null, now));
                    tx.provisioningLog().append(ProvisioningLogTest.entry("e-" + id, CONTOSO, now, id, "t-" + id,
                            ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS));
                })));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            assertThat(store.links().count(CONTOSO, ObjectType.USER)).isEqualTo(200);
            assertThat(store.provisioningLog().query(ProvisioningLogQuery.of(CONTOSO).pageSize(1000)).entries())
                    .hasSize(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
