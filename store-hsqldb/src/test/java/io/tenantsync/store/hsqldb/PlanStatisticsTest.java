package io.tenantsync.store.hsqldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A table of values with two indexes that both start with the tenant: one by object, one by value. Planned while the
 * table is empty, HSQLDB reads a value lookup through the object index (walking the tenant) until its statistics are
 * retaken; the refresh makes it read the value index.
 */
class PlanStatisticsTest {
    private static final String LOOKUP = "SELECT OBJECT_ID FROM OBJECT_VALUE WHERE TENANT_ID = 't1' AND PROP = 'mail'"
            + " AND SUB = '' AND VALUE_LC = 'u7@x.com'";
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:hsqldb:mem:plans-" + UUID.randomUUID(), "SA", "");
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE OBJECT_VALUE (TENANT_ID VARCHAR(36) NOT NULL, OBJECT_ID VARCHAR(36) NOT NULL,"
                    + " PROP VARCHAR(64) NOT NULL, SUB VARCHAR(64) DEFAULT '' NOT NULL, VALUE_LC VARCHAR(1024))");
            s.execute("CREATE INDEX OV_OBJECT ON OBJECT_VALUE (TENANT_ID, OBJECT_ID)");
            s.execute("CREATE INDEX OV_VALUE ON OBJECT_VALUE (TENANT_ID, PROP, VALUE_LC)");
        }
        c.commit();
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void withoutARefreshALookupPlannedOnAnEmptyTableKeepsWalkingTheTenant() throws SQLException {
        assertThat(plan(LOOKUP)).contains("index=OV_OBJECT"); // the empty table's statistics are taken here
        insert(0, 2_000);
        assertThat(plan(LOOKUP)).contains("index=OV_OBJECT");
    }

    @Test
    void aTableThatDoubledIsReplannedOnItsIndexes() throws SQLException {
        PlanStatistics plans = PlanStatistics.startingFrom(c);
        assertThat(plan(LOOKUP)).contains("index=OV_OBJECT");
        insert(0, 2_000);
        commitTimes(plans, 4);
        assertThat(plan(LOOKUP)).contains("index=OV_VALUE").doesNotContain("index=OV_OBJECT");
        assertThat(indexNames()).containsExactlyInAnyOrder("OV_OBJECT", "OV_VALUE");
    }

    @Test
    void aDatabaseOpenedWithItsRowsIsNotReplannedUntilItDoublesAgain() throws SQLException {
        insert(0, 2_000);
        PlanStatistics plans = PlanStatistics.startingFrom(c);
        assertThat(plan(LOOKUP)).contains("index=OV_VALUE"); // first statistics, taken with the rows in place
        insert(2_000, 500);
        commitTimes(plans, 1_024);
        assertThat(PlanStatistics.tableSizes(c)).containsEntry("OBJECT_VALUE", 2_500L);
        assertThat(plan(LOOKUP)).contains("index=OV_VALUE");
    }

    @Test
    void theRefreshWaitsForNoTransactionAndGivesUpWhileOneIsOpen() throws Exception {
        PlanStatistics plans = PlanStatistics.startingFrom(c);
        assertThat(plan(LOOKUP)).contains("index=OV_OBJECT");
        insert(0, 2_000);
        CountDownLatch inside = new CountDownLatch(1), done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            plans.enter();
            inside.countDown();
            try {
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                plans.exit();
            }
        });
        other.start();
        inside.await();
        long start = System.nanoTime();
        commitTimes(plans, 1); // the first commit is due
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
        assertThat(plan(LOOKUP)).contains("index=OV_OBJECT");
        done.countDown();
        other.join();
        commitTimes(plans, 1); // commit 2 is due too
        assertThat(plan(LOOKUP)).contains("index=OV_VALUE");
    }

    @Test
    void aTransactionNestedInAnotherOnTheSameThreadNeverRefreshes() throws SQLException {
        PlanStatistics plans = PlanStatistics.startingFrom(c);
        assertThat(plan(LOOKUP)).contains("index=OV_OBJECT");
        insert(0, 2_000);
        plans.enter();
        commitTimes(plans, 1);
        plans.exit();
        assertThat(plan(LOOKUP)).contains("index=OV_OBJECT");
    }

    @ParameterizedTest(name = "commit {0}: due {1}")
    @CsvSource({"1,true", "2,true", "3,false", "64,true", "100,false", "1024,true", "1536,false", "2048,true", "3072,true"})
    void checksComeOftenWhileTheDatabaseIsYoungAndRarelyAfter(long commit, boolean due) {
        assertThat(PlanStatistics.due(commit)).isEqualTo(due);
    }

    private void commitTimes(PlanStatistics plans, int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            plans.enter();
            c.commit();
            plans.exit();
            plans.afterCommit(c);
        }
    }

    private void insert(int from, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO OBJECT_VALUE (TENANT_ID, OBJECT_ID, PROP, VALUE_LC) VALUES ('t1', ?, 'mail', ?)")) {
            for (int i = from; i < from + n; i++) {
                ps.setString(1, "object-" + i);
                ps.setString(2, "u" + i + "@x.com");
                ps.executeUpdate();
            }
        }
        c.commit();
    }

    private String plan(String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            while (rs.next()) text.append(rs.getString(1)).append('\n');
        }
        c.commit();
        return text.toString();
    }

    private java.util.List<String> indexNames() throws SQLException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, "PUBLIC", "OBJECT_VALUE", false, false)) {
            while (rs.next()) names.add(rs.getString("INDEX_NAME"));
        }
        return names.stream().distinct().toList();
    }
}
