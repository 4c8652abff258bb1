package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.CycleKind;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.JobState;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.QuarantineReason;
import io.tenantsync.core.store.QuarantineState;
import io.tenantsync.core.store.QuarantineStatus;
import io.tenantsync.core.store.RestartScope;
import io.tenantsync.core.store.StagedDeletion;
import io.tenantsync.core.store.WatermarkStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator's handle on a job's store: status, approval of held deletions, restart; and read-only opening. */
class JobControlTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final ConnectionId JOB = ConnectionId.of("contoso-to-fabrikam");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static void quarantinedWithHeldDeletions(JdbcSyncStore store) {
        store.links().put(ObjectLink.active(JOB, ObjectType.USER, "s1", "t1", null, NOW));
        store.watermarks().put(JOB, WatermarkStore.USERS_DELTA, "delta-link");
        store.jobState().stage(new StagedDeletion(JOB, ObjectType.USER, "s1", "t1", ProvisioningAction.DELETE, "c1",
                NOW, "left scope"));
        QuarantineStatus tooMany = new QuarantineStatus(QuarantineState.QUARANTINED, QuarantineReason.TOO_MANY_DELETES,
                null, NOW, NOW, NOW.plusSeconds(21600), 0);
        store.jobState().put(JobState.initial(JOB).withForceInitialCycle(false).withQuarantine(tooMany)
                .afterCycle(new CycleSummary("c1", CycleKind.INITIAL, NOW, NOW, 0, 0, 0, 0, 0, 1, 0, 0, 0, null)));
    }

    @Test
    void statusShowsQuarantineHeldDeletionsLinksAndWhenTheWatermarkAdvanced() {
        try (JdbcSyncStore store = JdbcSyncStore.inMemory(CLOCK)) {
            quarantinedWithHeldDeletions(store);
            JobControl.JobStatus status = JobControl.of(store, JOB, CLOCK).status();

            assertThat(status.state().quarantine().reason()).isEqualTo(QuarantineReason.TOO_MANY_DELETES);
            assertThat(status.state().lastCycle().cycleId()).isEqualTo("c1");
            assertThat(status.staged()).extracting(StagedDeletion::sourceId).containsExactly("s1");
            assertThat(status.escrows().total()).isZero();
            assertThat(status.watermarkWrittenAt()).contains(NOW);
            assertThat(status.linkedUsers()).isEqualTo(1);
        }
    }

    @Test
    void approvingDeletesLetsTheNextCycleRunNowAndPastTheThreshold() {
        try (JdbcSyncStore store = JdbcSyncStore.inMemory(CLOCK)) {
            quarantinedWithHeldDeletions(store);
            int held = JobControl.of(store, JOB, CLOCK).approveDeletes();

            assertThat(held).isEqualTo(1);
            JobState state = store.jobState().get(JOB);
            assertThat(state.deletionsApproved()).isTrue();
            assertThat(state.quarantine().allowsCycleAt(NOW)).isTrue();
        }
    }

    @Test
    void restartClearsWhatItsScopesName() {
        try (JdbcSyncStore store = JdbcSyncStore.inMemory(CLOCK)) {
            quarantinedWithHeldDeletions(store);
            var outcome = JobControl.of(store, JOB, CLOCK).restart(RestartScope.PORTAL_RESTART);

            assertThat(outcome.quarantineLifted()).isTrue();
            assertThat(outcome.watermarksCleared()).isEqualTo(1);
            assertThat(store.watermarks().updatedAt(JOB, WatermarkStore.USERS_DELTA)).isEmpty();
            assertThat(store.links().count(JOB, ObjectType.USER)).isEqualTo(1);
        }
    }

    @Test
    void aReadOnlyStoreReadsWhatTheOwnerCommittedWhileTheOwnerHoldsIt() {
        try (JdbcSyncStore owner = JdbcSyncStore.inDirectory(dir, CLOCK)) {
            quarantinedWithHeldDeletions(owner);
            try (JdbcSyncStore reader = JdbcSyncStore.readOnlyInDirectory(dir, CLOCK)) {
                assertThat(JobControl.of(reader, JOB, CLOCK).status().staged()).hasSize(1);
            }
            // the reader's close must leave the owner's database open
            assertThat(owner.links().count(JOB, ObjectType.USER)).isEqualTo(1);
        }
        try (JdbcSyncStore reader = JdbcSyncStore.readOnlyInDirectory(dir, CLOCK)) {
            assertThat(reader.jobState().get(JOB).lastCycle().cycleId()).isEqualTo("c1");
            assertThatThrownBy(() -> reader.watermarks().put(JOB, WatermarkStore.USERS_DELTA, "x"))
                    .as("a read-only store refuses writes").isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aReadOnlyStoreWhereThereIsNoneFailsWithoutCreatingOne() {
        assertThatThrownBy(() -> JdbcSyncStore.readOnlyInDirectory(dir.resolve("none"), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no sync store");
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
