package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.store.CycleKind;
import io.tenantsync.core.store.FailureKind;
import io.tenantsync.core.store.QuarantineReason;
import io.tenantsync.core.store.QuarantineState;
import io.tenantsync.core.store.QuarantineStatus;
import io.tenantsync.core.store.WriteFailure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quarantine of entra-semantics §3.3–§3.4: entry on each documented condition, back-off, stop and exit. */
class QuarantineStateMachineTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final WriteFailure INVALID_CLIENT = new WriteFailure(FailureKind.CREDENTIALS, "invalid_client",
            "AADSTS7000215: Invalid client secret provided.");

    final QuarantineStateMachine machine = QuarantineStateMachine.entra();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Entra's documented examples, then the edges of each threshold
            "4,000 failures do not quarantine                 | 4000  | 0     | 0      | ",
            "45,000 failed users quarantine                   | 45000 | 0     | 0      | ENCOUNTERED_BASE_ESCROW_THRESHOLD",
            "30,000 failed and 5,000 ok quarantine            | 30000 | 0     | 5000   | ENCOUNTERED_ESCROW_PROPORTION_THRESHOLD",
            "20,000 failed and 100,000 ok do not quarantine   | 20000 | 0     | 100000 | ",
            "40,000 user and 21,000 manager failures          | 40000 | 21000 | 0      | ENCOUNTERED_TOTAL_ESCROW_THRESHOLD",
            "exactly 40,000 failures with many ok do not      | 40000 | 0     | 100000 | ",
            "40,001 failures quarantine however many ok       | 40001 | 0     | 900000 | ENCOUNTERED_BASE_ESCROW_THRESHOLD",
            "below 5,000 failures even 100% do not            | 4999  | 0     | 0      | ",
            "5,000 failures at 100% quarantine                | 5000  | 0     | 0      | ENCOUNTERED_ESCROW_PROPORTION_THRESHOLD",
            "exactly 40% does not quarantine                  | 8000  | 0     | 12000  | ",
            "reference failures do not count to the share     | 5000  | 30000 | 10000  | ",
            "exactly 60,000 in all does not trip the total    | 100   | 59900 | 0      | ",
            "60,001 in all trips the total below the floor    | 101   | 59900 | 0      | ENCOUNTERED_TOTAL_ESCROW_THRESHOLD",
    })
    void escrowThresholds(String behaviour, long failed, long referenceFailed, long succeeded,
                          QuarantineReason expected) {
        CycleHealth cycle = CycleHealth.of(CycleKind.INCREMENTAL, failed, referenceFailed, succeeded);

        assertThat(machine.escrowReason(cycle)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @Test
    void refusedCredentialsQuarantineWithTheErrorAndRetryIn6Hours() {
        QuarantineStateMachine.Verdict verdict = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.refused(CycleKind.INCREMENTAL, INVALID_CLIENT), T0);

        assertThat(verdict.status()).isEqualTo(new QuarantineStatus(QuarantineState.QUARANTINED,
                QuarantineReason.ENCOUNTERED_QUARANTINE_EXCEPTION,
                "invalid_client: AADSTS7000215: Invalid client secret provided.", T0, T0, T0.plus(Duration.ofHours(6)),
                0));
        assertThat(verdict.status().allowsCycleAt(T0.plus(Duration.ofHours(5)))).isFalse();
        assertThat(verdict.status().allowsCycleAt(T0.plus(Duration.ofHours(6)))).isTrue();
        assertThat(verdict.escrowsPruned()).isFalse();
    }

    @Test
    void heldDeletionsQuarantineWithTooManyDeletes() {
        QuarantineStatus status = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 10).withDeletionsHeld(), T0).status();

        assertThat(status.state()).isEqualTo(QuarantineState.QUARANTINED);
        assertThat(status.reason()).isEqualTo(QuarantineReason.TOO_MANY_DELETES);
        assertThat(status.reason().graphValue()).isEqualTo("TooManyDeletes");
    }

    @Test
    void interruptedIngestionQuarantines() {
        QuarantineStatus status = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 0).withIngestionInterrupted(), T0).status();

        assertThat(status.reason()).isEqualTo(QuarantineReason.INGESTION_INTERRUPTED);
    }

    @Test
    void incrementalCycleCrossingAnEscrowThresholdQuarantines() {
        QuarantineStateMachine.Verdict verdict = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.of(CycleKind.INCREMENTAL, 45_000, 0, 0), T0);

        assertThat(verdict.status().reason()).isEqualTo(QuarantineReason.ENCOUNTERED_BASE_ESCROW_THRESHOLD);
        assertThat(verdict.status().error()).contains("45000 objects");
        assertThat(verdict.escrowsPruned()).isFalse();
    }

    @Test
    void initialCycleCrossingAnEscrowThresholdPrunesEscrowsInsteadOfQuarantining() {
        QuarantineStateMachine.Verdict verdict = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.of(CycleKind.INITIAL, 45_000, 0, 0), T0);

        assertThat(verdict.escrowsPruned()).isTrue();
        assertThat(verdict.status().quarantined()).isFalse();
    }

    @Test
    void failuresBelowEveryThresholdLeaveAWarning() {
        QuarantineStatus status = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.of(CycleKind.INCREMENTAL, 3, 1, 500), T0).status();

        assertThat(status).isEqualTo(QuarantineStatus.warning());
        assertThat(status.allowsCycleAt(T0)).isTrue();
    }

    @Test
    void aCleanCycleIsHealthy() {
        assertThat(machine.afterCycle(QuarantineStatus.warning(), CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 5), T0)
                .status()).isEqualTo(QuarantineStatus.healthy());
    }

    @ParameterizedTest(name = "after {0} failed retries the next attempt is {1} after the series began")
    @CsvSource({
            "0, PT6H",
            "1, PT12H",
            "2, PT24H",
            "3, PT48H",
            "4, PT72H",
            "10, PT216H",
    })
    void backOffIs6Then12Then24HoursThenDaily(int seriesCount, Duration offset) {
        assertThat(machine.nextAttempt(T0, seriesCount)).isEqualTo(T0.plus(offset));
    }

    @Test
    void failedRetriesFollowTheBackOffFromTheSeriesStart() {
        CycleHealth refused = CycleHealth.refused(CycleKind.INCREMENTAL, INVALID_CLIENT);
        QuarantineStatus status = machine.afterCycle(QuarantineStatus.healthy(), refused, T0).status();

        status = machine.afterCycle(status, refused, status.nextAttempt()).status();
        assertThat(status.nextAttempt()).isEqualTo(T0.plus(Duration.ofHours(12)));
        assertThat(status.seriesCount()).isEqualTo(1);
        assertThat(status.currentBegan()).isEqualTo(T0.plus(Duration.ofHours(6)));

        status = machine.afterCycle(status, refused, status.nextAttempt()).status();
        assertThat(status.nextAttempt()).isEqualTo(T0.plus(Duration.ofHours(24)));

        status = machine.afterCycle(status, refused, status.nextAttempt()).status();
        assertThat(status.nextAttempt()).isEqualTo(T0.plus(Duration.ofHours(48)));
        assertThat(status.seriesBegan()).isEqualTo(T0);
    }

    @Test
    void aLateRetryDoesNotMakeTheNextOneDueAtOnce() {
        CycleHealth refused = CycleHealth.refused(CycleKind.INCREMENTAL, INVALID_CLIENT);
        QuarantineStatus status = machine.afterCycle(QuarantineStatus.healthy(), refused, T0).status();
        Instant late = T0.plus(Duration.ofHours(30));

        status = machine.afterCycle(status, refused, late).status();

        assertThat(status.nextAttempt()).isEqualTo(late.plus(Duration.ofHours(24)));
    }

    @Test
    void aSuccessfulRetryLiftsTheQuarantine() {
        QuarantineStatus quarantined = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.refused(CycleKind.INCREMENTAL, INVALID_CLIENT), T0).status();

        QuarantineStatus after = machine.afterCycle(quarantined, CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 12),
                T0.plus(Duration.ofHours(6))).status();

        assertThat(after).isEqualTo(QuarantineStatus.healthy());
    }

    @Test
    void aChangedReasonKeepsTheSeries() {
        QuarantineStatus quarantined = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.refused(CycleKind.INCREMENTAL, INVALID_CLIENT), T0).status();

        QuarantineStatus after = machine.afterCycle(quarantined,
                CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 0).withDeletionsHeld(), T0.plus(Duration.ofHours(6)))
                .status();

        assertThat(after.reason()).isEqualTo(QuarantineReason.TOO_MANY_DELETES);
        assertThat(after.seriesBegan()).isEqualTo(T0);
        assertThat(after.seriesCount()).isEqualTo(1);
    }

    @Test
    void quarantinedFor28DaysStopsTheJob() {
        CycleHealth refused = CycleHealth.refused(CycleKind.INCREMENTAL, INVALID_CLIENT);
        QuarantineStatus status = machine.afterCycle(QuarantineStatus.healthy(), refused, T0).status();

        QuarantineStatus day27 = machine.afterCycle(status, refused, T0.plus(Duration.ofDays(27))).status();
        QuarantineStatus day28 = machine.afterCycle(day27, refused, T0.plus(Duration.ofDays(28))).status();

        assertThat(day27.state()).isEqualTo(QuarantineState.QUARANTINED);
        assertThat(day28.state()).isEqualTo(QuarantineState.STOPPED);
        assertThat(day28.nextAttempt()).isNull();
        assertThat(day28.allowsCycleAt(T0.plus(Duration.ofDays(400)))).isFalse();
    }

    @Test
    void quarantineOnDemandOutlastsSuccessfulCycles() {
        QuarantineStatus manual = machine.quarantineOnDemand(QuarantineStatus.healthy(), T0);

        QuarantineStatus after = machine.afterCycle(manual, CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 10),
                manual.nextAttempt()).status();

        assertThat(manual.reason()).isEqualTo(QuarantineReason.QUARANTINED_ON_DEMAND);
        assertThat(after.quarantined()).isTrue();
        assertThat(after.reason()).isEqualTo(QuarantineReason.QUARANTINED_ON_DEMAND);
    }

    @Test
    void approvingDeletionsLetsTheNextCycleRunNowAndItsSuccessLiftsTheQuarantine() {
        QuarantineStatus held = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 0).withDeletionsHeld(), T0).status();
        Instant approvedAt = T0.plus(Duration.ofMinutes(10));

        QuarantineStatus approved = machine.deletionsApproved(held, approvedAt);
        QuarantineStatus after = machine.afterCycle(approved, CycleHealth.of(CycleKind.INCREMENTAL, 0, 0, 600),
                approvedAt).status();

        assertThat(held.allowsCycleAt(approvedAt)).isFalse();
        assertThat(approved.allowsCycleAt(approvedAt)).isTrue();
        assertThat(after).isEqualTo(QuarantineStatus.healthy());
    }

    @Test
    void approvingDeletionsLeavesOtherQuarantinesAlone() {
        QuarantineStatus refused = machine.afterCycle(QuarantineStatus.healthy(),
                CycleHealth.refused(CycleKind.INCREMENTAL, INVALID_CLIENT), T0).status();

        assertThat(machine.deletionsApproved(refused, T0.plusSeconds(60))).isEqualTo(refused);
    }
}
