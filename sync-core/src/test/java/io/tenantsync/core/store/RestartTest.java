package io.tenantsync.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Restart semantics of entra-semantics §3.3 and §3.5: what each reset scope clears, and that links survive. */
class RestartTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final ConnectionId CONTOSO = ConnectionId.of("contoso-to-fabrikam");

    final JdbcSyncStore store = JdbcSyncStore.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void quarantinedConnectionWithEverything() {
        store.links().put(ObjectLink.active(CONTOSO, ObjectType.USER, "s1", "t1", null, NOW));
        store.watermarks().put(CONTOSO, WatermarkStore.USERS_DELTA, "delta");
        store.escrows().put(JdbcSyncStoreTest.escrow(CONTOSO, "s2", NOW, false));
        store.jobState().stage(JdbcSyncStoreTest.staged(CONTOSO, "s3"));
        QuarantineStatus quarantine = new QuarantineStatus(QuarantineState.QUARANTINED,
                QuarantineReason.TOO_MANY_DELETES, null, NOW, NOW, NOW.plusSeconds(21600), 0);
        store.jobState().put(JobState.initial(CONTOSO).withForceInitialCycle(false).withQuarantine(quarantine));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void portalRestartClearsWatermarksEscrowsAndQuarantineButKeepsLinks() {
        RestartOutcome outcome = store.restart(CONTOSO, RestartScope.PORTAL_RESTART);

        assertThat(outcome).isEqualTo(new RestartOutcome(1, 1, 0, 1, true, false));
        assertThat(store.links().bySource(CONTOSO, ObjectType.USER, "s1")).isPresent();
        assertThat(store.watermarks().get(CONTOSO, WatermarkStore.USERS_DELTA)).isEmpty();
        assertThat(store.escrows().counts(CONTOSO).total()).isZero();
        assertThat(store.jobState().staged(CONTOSO)).isEmpty();
        JobState state = store.jobState().get(CONTOSO);
        assertThat(state.quarantine()).isEqualTo(QuarantineStatus.healthy());
        assertThat(state.forceInitialCycle()).isTrue();
        assertThat(state.deletionsApproved()).isFalse();
    }

    @Test
    void fullRestartAlsoBreaksLinks() {
        RestartOutcome outcome = store.restart(CONTOSO, Set.of(RestartScope.FULL));

        assertThat(outcome.linksCleared()).isEqualTo(1);
        assertThat(store.links().count(CONTOSO, ObjectType.USER)).isZero();
        assertThat(store.jobState().get(CONTOSO).forceInitialCycle()).isTrue();
        assertThat(store.jobState().get(CONTOSO).quarantine().quarantined()).isFalse();
        assertThat(outcome.deletionsApproved()).isFalse();
    }

    @Test
    void forceDeletesApprovesTheHeldDeletionsAndKeepsThemStaged() {
        RestartOutcome outcome = store.restart(CONTOSO,
                EnumSet.of(RestartScope.FORCE_DELETES, RestartScope.QUARANTINE_STATE));

        assertThat(outcome.deletionsApproved()).isTrue();
        assertThat(store.jobState().staged(CONTOSO)).hasSize(1);
        JobState state = store.jobState().get(CONTOSO);
        assertThat(state.deletionsApproved()).isTrue();
        assertThat(state.quarantine().quarantined()).isFalse();
        assertThat(state.forceInitialCycle()).isFalse();
        assertThat(store.watermarks().get(CONTOSO, WatermarkStore.USERS_DELTA)).contains("delta");
    }

    @Test
    void escrowsOnlyRestartLeavesQuarantineAndWatermarks() {
        store.restart(CONTOSO, Set.of(RestartScope.ESCROWS));

        assertThat(store.escrows().counts(CONTOSO).total()).isZero();
        assertThat(store.watermarks().get(CONTOSO, WatermarkStore.USERS_DELTA)).contains("delta");
        assertThat(store.jobState().get(CONTOSO).quarantine().quarantined()).isTrue();
    }

    @ParameterizedTest(name = "resetScope \"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                   | ESCROWS,QUARANTINE_STATE,WATERMARK",
            "Watermark, Escrows, QuarantineState  | ESCROWS,QUARANTINE_STATE,WATERMARK",
            "Full                                 | FULL",
            "ForceDeletes                         | FORCE_DELETES",
            "connectordatastore                   | CONNECTOR_DATA_STORE",
            "None                                 | ''",
    })
    void graphResetScopeIsParsed(String resetScope, String expected) {
        Set<RestartScope> want = expected.isEmpty() ? Set.of()
                : Set.of(java.util.Arrays.stream(expected.split(",")).map(RestartScope::valueOf)
                        .toArray(RestartScope[]::new));
        assertThat(RestartScope.parse(resetScope)).isEqualTo(want);
    }

    @Test
    void unknownResetScopeIsRefused() {
        assertThatThrownBy(() -> RestartScope.parse("Watermark, Everything"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Everything");
    }
}
