package io.tenantsync.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, connection isolation, units of work and durability of the JDBC store on HSQLDB. */
class JdbcSyncStoreTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ConnectionId CONTOSO = ConnectionId.of("contoso-to-fabrikam");
    static final ConnectionId LITWARE = ConnectionId.of("litware-to-fabrikam");

    final JdbcSyncStore store = JdbcSyncStore.inMemory(CLOCK);

    @AfterEach
    void close() {
        store.close();
    }

    static ObjectLink link(ConnectionId connection, String source, String target) {
        return ObjectLink.active(connection, ObjectType.USER, source, target, "hash-" + source, NOW);
    }

    static Escrow escrow(ConnectionId connection, String objectId, Instant next, boolean reference) {
        return new Escrow(connection, ObjectType.USER, objectId, "t-" + objectId, ProvisioningAction.UPDATE,
                reference, 1, NOW, next, new WriteFailure(FailureKind.THROTTLED, "TooManyRequests", "slow down"));
    }

    @Test
    void newStoreIsAtTheNewestSchemaVersion() {
        assertThat(store.schemaVersion()).isEqualTo(2);
    }

    @Test
    void linkIsFoundBySourceAndByTarget() {
        ObjectLink link = link(CONTOSO, "s1", "t1");
        store.links().put(link);

        assertThat(store.links().bySource(CONTOSO, ObjectType.USER, "s1")).contains(link);
        assertThat(store.links().byTarget(CONTOSO, ObjectType.USER, "t1")).contains(link);
        assertThat(store.links().bySource(CONTOSO, ObjectType.GROUP, "s1")).isEmpty();
    }

    @Test
    void puttingALinkAgainReplacesItsStateAndHash() {
        ObjectLink link = link(CONTOSO, "s1", "t1");
        store.links().put(link);
        ObjectLink deleted = link.withState(LinkState.SOFT_DELETED_BY_SYNC, NOW.plusSeconds(60))
                .withAttributeHash("h2", NOW.plusSeconds(60));
        store.links().put(deleted);

        ObjectLink read = store.links().bySource(CONTOSO, ObjectType.USER, "s1").orElseThrow();
        assertThat(read).isEqualTo(deleted);
        assertThat(read.createdAt()).isEqualTo(link.createdAt());
        assertThat(read.toReconcileLink()).isEqualTo(new io.tenantsync.core.reconcile.Link.Linked("t1", true));
        assertThat(store.links().count(CONTOSO, ObjectType.USER)).isEqualTo(1);
    }

    @Test
    void aTargetObjectBelongsToOneSourceObjectPerConnection() {
        store.links().put(link(CONTOSO, "s1", "t1"));

        assertThatThrownBy(() -> store.links().put(link(CONTOSO, "s2", "t1")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUniqueViolation()).isTrue());
        store.links().put(link(LITWARE, "s2", "t1"));
        assertThat(store.links().byTarget(LITWARE, ObjectType.USER, "t1")).isPresent();
    }

    @Test
    void linksArePagedInSourceIdOrder() {
        for (String id : List.of("c", "a", "e", "b", "d")) {
            store.links().put(link(CONTOSO, id, "t" + id));
        }
        List<ObjectLink> first = store.links().page(CONTOSO, ObjectType.USER, null, 2);
        List<ObjectLink> second = store.links().page(CONTOSO, ObjectType.USER, first.get(1).sourceId(), 2);
        List<ObjectLink> last = store.links().page(CONTOSO, ObjectType.USER, second.get(1).sourceId(), 2);

        assertThat(first).extracting(ObjectLink::sourceId).containsExactly("a", "b");
        assertThat(second).extracting(ObjectLink::sourceId).containsExactly("c", "d");
        assertThat(last).extracting(ObjectLink::sourceId).containsExactly("e");
    }

    @Test
    void removingALinkForgetsItBothWays() {
        store.links().put(link(CONTOSO, "s1", "t1"));

        assertThat(store.links().remove(CONTOSO, ObjectType.USER, "s1")).isTrue();
        assertThat(store.links().remove(CONTOSO, ObjectType.USER, "s1")).isFalse();
        assertThat(store.links().byTarget(CONTOSO, ObjectType.USER, "t1")).isEmpty();
    }

    @Test
    void watermarkIsReplacedWhole() {
        store.watermarks().put(CONTOSO, WatermarkStore.USERS_DELTA, "https://graph/delta?token=1");
        store.watermarks().put(CONTOSO, WatermarkStore.USERS_DELTA, "https://graph/delta?token=2");
        String long_ = "https://graph/delta?token=" + "x".repeat(8000);
        store.watermarks().put(CONTOSO, WatermarkStore.GROUPS_DELTA, long_);

        assertThat(store.watermarks().get(CONTOSO, WatermarkStore.USERS_DELTA)).contains("https://graph/delta?token=2");
        assertThat(store.watermarks().get(CONTOSO, WatermarkStore.GROUPS_DELTA)).contains(long_);
        assertThat(store.watermarks().get(LITWARE, WatermarkStore.USERS_DELTA)).isEmpty();
    }

    @Test
    void dueEscrowsComeEarliestFirstAndOnlyOnceDue() {
        store.escrows().put(escrow(CONTOSO, "late", NOW.plusSeconds(300), false));
        store.escrows().put(escrow(CONTOSO, "early", NOW.minusSeconds(60), false));
        store.escrows().put(escrow(CONTOSO, "now", NOW, true));

        assertThat(store.escrows().due(CONTOSO, NOW, 10)).extracting(Escrow::objectId).containsExactly("early", "now");
        assertThat(store.escrows().due(CONTOSO, NOW.plusSeconds(300), 10)).hasSize(3);
        assertThat(store.escrows().due(CONTOSO, NOW.plusSeconds(300), 1)).extracting(Escrow::objectId)
                .containsExactly("early");
        assertThat(store.escrows().counts(CONTOSO)).isEqualTo(new EscrowStore.Counts(2, 1));
    }

    @Test
    void escrowRoundTripsAndAFurtherFailureReplacesIt() {
        Escrow first = escrow(CONTOSO, "s1", NOW.plusSeconds(2400), false);
        store.escrows().put(first);
        Escrow again = first.failedAgain(new WriteFailure(FailureKind.UNAVAILABLE, "ServiceUnavailable", "503"),
                NOW.plusSeconds(4800));
        store.escrows().put(again);

        assertThat(store.escrows().get(CONTOSO, ObjectType.USER, "s1")).contains(again);
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.firstFailedAt()).isEqualTo(first.firstFailedAt());
        assertThat(store.escrows().remove(CONTOSO, ObjectType.USER, "s1")).isTrue();
        assertThat(store.escrows().get(CONTOSO, ObjectType.USER, "s1")).isEmpty();
    }

    @Test
    void escrowsFirstFailedBeforeTheCutoffAreGivenUp() {
        store.escrows().put(escrow(CONTOSO, "old", NOW.plusSeconds(60), false));
        Escrow recent = new Escrow(CONTOSO, ObjectType.USER, "recent", null, ProvisioningAction.CREATE, false, 1,
                NOW.plusSeconds(3600), NOW.plusSeconds(7200),
                new WriteFailure(FailureKind.UNAVAILABLE, "Timeout", null));
        store.escrows().put(recent);

        assertThat(store.escrows().removeFirstFailedBefore(CONTOSO, NOW.plusSeconds(1))).isEqualTo(1);
        assertThat(store.escrows().get(CONTOSO, ObjectType.USER, "recent")).contains(recent);
    }

    @Test
    void aConnectionNeverSeesAnotherConnectionsRows() {
        store.links().put(link(CONTOSO, "s1", "t1"));
        store.watermarks().put(CONTOSO, WatermarkStore.USERS_DELTA, "w");
        store.escrows().put(escrow(CONTOSO, "s1", NOW, false));
        store.jobState().put(JobState.initial(CONTOSO).withDeletionsApproved(true));
        store.jobState().stage(staged(CONTOSO, "s1"));

        assertThat(store.links().bySource(LITWARE, ObjectType.USER, "s1")).isEmpty();
        assertThat(store.links().byTarget(LITWARE, ObjectType.USER, "t1")).isEmpty();
        assertThat(store.links().count(LITWARE, ObjectType.USER)).isZero();
        assertThat(store.watermarks().get(LITWARE, WatermarkStore.USERS_DELTA)).isEmpty();
        assertThat(store.escrows().due(LITWARE, NOW.plusSeconds(1), 10)).isEmpty();
        assertThat(store.escrows().get(LITWARE, ObjectType.USER, "s1")).isEmpty();
        assertThat(store.jobState().get(LITWARE)).isEqualTo(JobState.initial(LITWARE));
        assertThat(store.jobState().staged(LITWARE)).isEmpty();

        store.restart(LITWARE, Set.of(RestartScope.FULL));
        assertThat(store.links().count(CONTOSO, ObjectType.USER)).isEqualTo(1);
        assertThat(store.escrows().counts(CONTOSO).total()).isEqualTo(1);
        assertThat(store.watermarks().get(CONTOSO, WatermarkStore.USERS_DELTA)).contains("w");
    }

    static StagedDeletion staged(ConnectionId connection, String source) {
        return new StagedDeletion(connection, ObjectType.USER, source, "t-" + source, ProvisioningAction.DELETE,
                "cycle-1", NOW, "left scope");
    }

    @Test
    void jobStateRoundTripsWithQuarantineAndLastCycle() {
        QuarantineStatus quarantine = new QuarantineStatus(QuarantineState.QUARANTINED,
                QuarantineReason.TOO_MANY_DELETES, "612 deletions planned, threshold 500", NOW, NOW,
                NOW.plusSeconds(6 * 3600), 0);
        CycleSummary summary = new CycleSummary("cycle-7", CycleKind.INCREMENTAL, NOW.minusSeconds(30), NOW, 1, 2, 3,
                4, 5, 612, 7, 8, 9, null);
        JobState state = JobState.initial(CONTOSO).withQuarantine(quarantine).afterCycle(summary);
        store.jobState().put(state);

        assertThat(store.jobState().get(CONTOSO)).isEqualTo(state);
        assertThat(state.cycleCount()).isEqualTo(1);
        assertThat(state.forceInitialCycle()).isFalse();
    }

    @Test
    void failedCycleCountsTowardsSuccessiveFailuresAndKeepsTheInitialCycleForced() {
        CycleSummary failed = new CycleSummary("c1", CycleKind.INITIAL, NOW, NOW, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                "target refused the credentials");
        JobState state = JobState.initial(CONTOSO).afterCycle(failed).afterCycle(failed);
        store.jobState().put(state);

        JobState read = store.jobState().get(CONTOSO);
        assertThat(read.countSuccessiveCompleteFailures()).isEqualTo(2);
        assertThat(read.forceInitialCycle()).isTrue();
        assertThat(read.lastCycle().completed()).isFalse();
    }

    @Test
    void stagedDeletionsAreListedInStagingOrderAndReleasedOneByOne() {
        store.jobState().stage(staged(CONTOSO, "b"));
        store.jobState().stage(new StagedDeletion(CONTOSO, ObjectType.USER, "a", "t-a", ProvisioningAction.DISABLE,
                "cycle-1", NOW.plusSeconds(1), "disabled in source"));

        assertThat(store.jobState().staged(CONTOSO)).extracting(StagedDeletion::sourceId).containsExactly("b", "a");
        assertThat(store.jobState().unstage(CONTOSO, ObjectType.USER, "b")).isTrue();
        assertThat(store.jobState().staged(CONTOSO)).extracting(StagedDeletion::sourceId).containsExactly("a");
    }

    @Test
    void unitOfWorkCommitsItsRowsTogether() {
        store.escrows().put(escrow(CONTOSO, "s1", NOW, false));

        store.runInTransaction(tx -> {
            tx.links().put(link(CONTOSO, "s1", "t1"));
            tx.escrows().remove(CONTOSO, ObjectType.USER, "s1");
            tx.provisioningLog().append(ProvisioningLogTest.entry("e1", CONTOSO, NOW, "s1", "t1",
                    ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS));
        });

        assertThat(store.links().bySource(CONTOSO, ObjectType.USER, "s1")).isPresent();
        assertThat(store.escrows().get(CONTOSO, ObjectType.USER, "s1")).isEmpty();
        assertThat(store.provisioningLog().get(CONTOSO, "e1")).isPresent();
    }

    @Test
    void unitOfWorkThatFailsLeavesNothingBehind() {
        store.escrows().put(escrow(CONTOSO, "s1", NOW, false));
        store.links().put(link(CONTOSO, "s0", "t1"));

        assertThatThrownBy(() -> store.runInTransaction(tx -> {
            tx.escrows().remove(CONTOSO, ObjectType.USER, "s1");
            tx.provisioningLog().append(ProvisioningLogTest.entry("e1", CONTOSO, NOW, "s1", "t1",
                    ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS));
            tx.links().put(link(CONTOSO, "s1", "t1"));
        })).isInstanceOf(StoreException.class);

        assertThat(store.escrows().get(CONTOSO, ObjectType.USER, "s1")).isPresent();
        assertThat(store.provisioningLog().get(CONTOSO, "e1")).isEmpty();
        assertThat(store.links().bySource(CONTOSO, ObjectType.USER, "s1")).isEmpty();
    }

    @Test
    void nestedUnitOfWorkJoinsTheOuterOne() {
        assertThatThrownBy(() -> store.runInTransaction(tx -> {
            tx.runInTransaction(inner -> inner.links().put(link(CONTOSO, "s1", "t1")));
            throw new IllegalStateException("the executor failed after the inner unit");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.links().bySource(CONTOSO, ObjectType.USER, "s1")).isEmpty();
    }

    @Test
    void fileStoreKeepsEverythingAcrossReopen(@TempDir Path directory) {
        ObjectLink link = link(CONTOSO, "s1", "t1");
        Escrow escrow = escrow(CONTOSO, "s2", NOW, true);
        JobState state = JobState.initial(CONTOSO).withDeletionsApproved(true);
        try (JdbcSyncStore first = JdbcSyncStore.inDirectory(directory, CLOCK)) {
            first.runInTransaction(tx -> {
                tx.links().put(link);
                tx.escrows().put(escrow);
                tx.watermarks().put(CONTOSO, WatermarkStore.USERS_DELTA, "delta-1");
                tx.jobState().put(state);
                tx.jobState().stage(staged(CONTOSO, "s3"));
                tx.provisioningLog().append(ProvisioningLogTest.entry("e1", CONTOSO, NOW, "s1", "t1",
                        ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS));
            });
        }

        try (JdbcSyncStore reopened = JdbcSyncStore.inDirectory(directory, CLOCK)) {
            assertThat(reopened.schemaVersion()).isEqualTo(2);
            assertThat(reopened.links().bySource(CONTOSO, ObjectType.USER, "s1")).contains(link);
            assertThat(reopened.escrows().get(CONTOSO, ObjectType.USER, "s2")).contains(escrow);
            assertThat(reopened.watermarks().get(CONTOSO, WatermarkStore.USERS_DELTA)).contains("delta-1");
            assertThat(reopened.jobState().get(CONTOSO)).isEqualTo(state);
            assertThat(reopened.jobState().staged(CONTOSO)).containsExactly(staged(CONTOSO, "s3"));
            assertThat(reopened.provisioningLog().get(CONTOSO, "e1")).isPresent();
        }
    }
}
