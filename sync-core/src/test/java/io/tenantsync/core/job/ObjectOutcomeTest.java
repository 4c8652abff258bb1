package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.Decision;
import io.tenantsync.core.scope.ScopeDecision;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.FailureKind;
import io.tenantsync.core.store.LoggedIdentity;
import io.tenantsync.core.store.ModifiedProperty;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.ProvisioningLogEntry;
import io.tenantsync.core.store.ProvisioningStatus;
import io.tenantsync.core.store.ProvisioningStep;
import io.tenantsync.core.store.ProvisioningStepType;
import io.tenantsync.core.store.WriteFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Provisioning log entries built from reconcile decisions and what became of their writes (entra-semantics §3.6). */
class ObjectOutcomeTest {

    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    static final ConnectionId CONTOSO = ConnectionId.of("contoso-to-fabrikam");
    static final ScopeDecision IN = new ScopeDecision.InScope("assigned through group Sales");
    static final LoggedIdentity ADA = new LoggedIdentity("s-1", "Ada Lovelace");
    static final LoggedIdentity ADA_B2B = new LoggedIdentity("t-1", "Ada Lovelace");

    static ObjectOutcome outcome(Action action, ExportResult result) {
        return new ObjectOutcome(ObjectType.USER, ADA, ADA_B2B, IN, "linked to t-1",
                new Decision(action, "reason words"), result, 42);
    }

    static ProvisioningLogEntry entry(Action action, ExportResult result) {
        return outcome(action, result).toLogEntry("e1", CONTOSO, "cycle-1", "change-1", AT);
    }

    record Row(String behaviour, Action action, ExportResult result, ProvisioningAction logAction,
               ProvisioningStatus status, String errorCode, String exportStep) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static final WriteFailure THROTTLED = new WriteFailure(FailureKind.THROTTLED, "TooManyRequests", "slow down");

    static List<Row> rows() {
        ExportResult ok = new ExportResult.Applied();
        return List.of(
                new Row("create succeeds", new Action.Create(Attributes.of("displayName", "Ada")), ok,
                        ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, null, "EntryExportAdd"),
                new Row("update succeeds", new Action.Update(List.of(new AttributeChange("department", "A", "B"))), ok,
                        ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS, null, "EntryExportUpdate"),
                new Row("disable is logged as disable", new Action.Disable(), ok,
                        ProvisioningAction.DISABLE, ProvisioningStatus.SUCCESS, null, "EntryExportUpdate"),
                new Row("soft delete is logged as delete", new Action.SoftDelete(), ok,
                        ProvisioningAction.DELETE, ProvisioningStatus.SUCCESS, null, "EntryExportDelete"),
                new Row("hard delete is logged as delete", new Action.HardDelete(), ok,
                        ProvisioningAction.DELETE, ProvisioningStatus.SUCCESS, null, "EntryExportDelete"),
                new Row("restore is logged as restore", new Action.Restore(), ok,
                        ProvisioningAction.RESTORE, ProvisioningStatus.SUCCESS, null, "EntryExportRestore"),
                new Row("already in sync is a skip with RedundantExport",
                        new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC), ok,
                        ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, "RedundantExport",
                        "EntrySynchronizationSkip"),
                new Row("out of scope is a skip with NotEffectivelyEntitled",
                        new Action.Skip(Action.SkipCause.NOT_IN_SCOPE), ok,
                        ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, "NotEffectivelyEntitled",
                        "EntrySynchronizationSkip"),
                new Row("held deletion is a skipped stagedDelete", new Action.SoftDelete(),
                        new ExportResult.Held(612, 500), ProvisioningAction.STAGED_DELETE,
                        ProvisioningStatus.SKIPPED, null, "EntryExportStagedDelete"),
                new Row("failed write is a failure with the service's code",
                        new Action.Update(List.of(new AttributeChange("department", "A", "B"))),
                        new ExportResult.Failed(THROTTLED, true), ProvisioningAction.UPDATE,
                        ProvisioningStatus.FAILURE, "TooManyRequests", "EntryExportUpdate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void entryRows(Row row) {
        ProvisioningLogEntry entry = entry(row.action(), row.result());

        assertThat(entry.action()).isEqualTo(row.logAction());
        assertThat(entry.status()).isEqualTo(row.status());
        assertThat(entry.errorCode()).isEqualTo(row.errorCode());
        assertThat(entry.steps()).extracting(ProvisioningStep::type).containsExactly(ProvisioningStepType.IMPORT,
                ProvisioningStepType.SCOPING, ProvisioningStepType.MATCHING, ProvisioningStepType.EXPORT);
        ProvisioningStep export = entry.steps().get(3);
        assertThat(export.name()).isEqualTo(row.exportStep());
        assertThat(export.status()).isEqualTo(row.status());
    }

    @Test
    void entryCarriesIdsNamesCycleTimeAndDuration() {
        ProvisioningLogEntry entry = entry(new Action.Restore(), new ExportResult.Applied());

        assertThat(entry.id()).isEqualTo("e1");
        assertThat(entry.connectionId()).isEqualTo(CONTOSO);
        assertThat(entry.cycleId()).isEqualTo("cycle-1");
        assertThat(entry.changeId()).isEqualTo("change-1");
        assertThat(entry.activityDateTime()).isEqualTo(AT);
        assertThat(entry.source()).isEqualTo(ADA);
        assertThat(entry.target()).isEqualTo(ADA_B2B);
        assertThat(entry.durationInMilliseconds()).isEqualTo(42);
        assertThat(entry.reason()).isEqualTo("reason words");
    }

    @Test
    void updateListsEachChangedAttributeWithOldAndNewText() {
        ProvisioningLogEntry entry = entry(new Action.Update(List.of(new AttributeChange("department", "Sales", "R&D"),
                new AttributeChange("showInAddressList", false, true),
                new AttributeChange("jobTitle", "Engineer", null))), new ExportResult.Applied());

        assertThat(entry.modifiedProperties()).containsExactly(
                new ModifiedProperty("department", "Sales", "R&D"),
                new ModifiedProperty("showInAddressList", "False", "True"),
                new ModifiedProperty("jobTitle", "Engineer", null));
    }

    @Test
    void createListsEveryWrittenAttributeAsNew() {
        ProvisioningLogEntry entry = entry(new Action.Create(Attributes.of("displayName", "Ada", "accountEnabled",
                true)), new ExportResult.Applied());

        assertThat(entry.modifiedProperties()).containsExactly(new ModifiedProperty("displayName", null, "Ada"),
                new ModifiedProperty("accountEnabled", null, "True"));
    }

    @Test
    void disableListsAccountEnabledTurnedOff() {
        assertThat(entry(new Action.Disable(), new ExportResult.Applied()).modifiedProperties())
                .containsExactly(new ModifiedProperty("accountEnabled", "True", "False"));
    }

    @Test
    void stepsDescribeImportScopeMatchAndAction() {
        ProvisioningLogEntry entry = entry(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC),
                new ExportResult.Applied());

        assertThat(entry.steps()).extracting(ProvisioningStep::description).containsExactly(
                "Retrieved Ada Lovelace from Azure Active Directory",
                "in scope: assigned through group Sales",
                "linked to t-1",
                "reason words");
    }

    @Test
    void outOfScopeSourceShowsASkippedScopingStep() {
        ObjectOutcome outcome = new ObjectOutcome(ObjectType.USER, ADA, ADA_B2B,
                new ScopeDecision.OutOfScope(ScopeDecision.ScopeCheck.SCOPING_FILTER_EVALUATION,
                        "clause department EQUALS Sales failed"),
                "linked to t-1", new Decision(new Action.SoftDelete(), "left scope"), new ExportResult.Applied(), 3);

        ProvisioningStep scoping = outcome.toLogEntry("e", CONTOSO, "c", "c", AT).steps().get(1);

        assertThat(scoping.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(scoping.description()).isEqualTo("out of scope: clause department EQUALS Sales failed");
    }

    @Test
    void failedAndHeldReasonsSayWhatHappensNext() {
        assertThat(entry(new Action.Disable(), new ExportResult.Failed(THROTTLED, true)).reason())
                .isEqualTo("reason words — failed: slow down; will be retried");
        assertThat(entry(new Action.Disable(), new ExportResult.Failed(THROTTLED, false)).reason())
                .endsWith("; not retried");
        assertThat(entry(new Action.Disable(), new ExportResult.Held(612, 500)).reason())
                .isEqualTo("reason words — held: 612 deletions planned this cycle exceed the threshold of 500");
    }

    @Test
    void graphValuesOfTheLogActions() {
        assertThat(ProvisioningAction.STAGED_DELETE.graphValue()).isEqualTo("stagedDelete");
        assertThat(ProvisioningAction.SKIP.graphValue()).isEqualTo("other");
        assertThat(ProvisioningAction.RESTORE.logName()).isEqualTo("restore");
        assertThat(ProvisioningAction.fromLogName("stageddelete")).isEqualTo(ProvisioningAction.STAGED_DELETE);
    }
}
