package io.tenantsync.core.job;

import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.Decision;
import io.tenantsync.core.scope.ScopeDecision;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.LoggedIdentity;
import io.tenantsync.core.store.ModifiedProperty;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.ProvisioningLogEntry;
import io.tenantsync.core.store.ProvisioningStatus;
import io.tenantsync.core.store.ProvisioningStep;
import io.tenantsync.core.store.ProvisioningStepType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that happened to one object in one cycle, from import to export, turned into its provisioning log entry
 * with the four steps on-demand provisioning shows: import, scoping, matching, and the action (entra-semantics §3.6,
 * §3.7).
 *
 * @param scope           the scoping outcome; null when the source object is deleted and was not evaluated
 * @param matchingSummary how the target object was found, in words ({@code linked}, {@code matched on
 *                        alternativeSecurityIds}, {@code no matching user})
 */
public record ObjectOutcome(ObjectType objectType, LoggedIdentity source, LoggedIdentity target, ScopeDecision scope,
                            String matchingSummary, Decision decision, ExportResult result,
                            long durationInMilliseconds) {

    static final String SOURCE_SYSTEM = "Azure Active Directory";
    static final String TARGET_SYSTEM = "Azure Active Directory (target tenant)";

    public ObjectOutcome {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(source, "source");
        target = target == null ? LoggedIdentity.none() : target;
        matchingSummary = matchingSummary == null ? "" : matchingSummary;
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(result, "result");
    }

    /** The log action of a reconcile action: soft and hard deletes are both {@code delete}, a skip is {@code skip}. */
    public static ProvisioningAction logAction(Action action) {
        if (action instanceof Action.Create) {
            return ProvisioningAction.CREATE;
        } else if (action instanceof Action.Update) {
            return ProvisioningAction.UPDATE;
        } else if (action instanceof Action.Disable) {
            return ProvisioningAction.DISABLE;
        } else if (action instanceof Action.SoftDelete || action instanceof Action.HardDelete) {
            return ProvisioningAction.DELETE;
        } else if (action instanceof Action.Restore) {
            return ProvisioningAction.RESTORE;
        }
        return ProvisioningAction.SKIP;
    }

    /** The entry for this outcome. */
    public ProvisioningLogEntry toLogEntry(String id, ConnectionId connection, String cycleId, String changeId,
                                           Instant activityDateTime) {
        return new ProvisioningLogEntry(id, connection, cycleId, changeId, activityDateTime, objectType, action(),
                status(), source, target, modifiedProperties(), steps(), errorCode(), reason(),
                durationInMilliseconds);
    }

    ProvisioningAction action() {
        return result instanceof ExportResult.Held ? ProvisioningAction.STAGED_DELETE : logAction(decision.action());
    }

    ProvisioningStatus status() {
        if (result instanceof ExportResult.Failed) {
            return ProvisioningStatus.FAILURE;
        }
        if (result instanceof ExportResult.Held || decision.action() instanceof Action.Skip) {
            return ProvisioningStatus.SKIPPED;
        }
        return ProvisioningStatus.SUCCESS;
    }

    String errorCode() {
        if (result instanceof ExportResult.Failed failed) {
            return failed.failure().errorCode();
        }
        if (result instanceof ExportResult.Held) {
            return null;
        }
        if (decision.action() instanceof Action.Skip skip) {
            return switch (skip.cause()) {
                case ALREADY_IN_SYNC -> "RedundantExport";
                case NOT_IN_SCOPE -> "NotEffectivelyEntitled";
                case TRUST_REFUSED -> "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure";
                default -> "EntrySynchronizationSkipped";
            };
        }
        return null;
    }

    String reason() {
        if (result instanceof ExportResult.Failed failed) {
            String retry = failed.escrowed() ? "; will be retried" : "; not retried";
            return decision.reason() + " — failed: " + failed.failure().message() + retry;
        }
        if (result instanceof ExportResult.Held held) {
            return decision.reason() + " — held: " + held.plannedDeletions()
                    + " deletions planned this cycle exceed the threshold of " + held.threshold();
        }
        return decision.reason();
    }

    List<ModifiedProperty> modifiedProperties() {
        Action action = decision.action();
        List<ModifiedProperty> properties = new ArrayList<>();
        if (action instanceof Action.Update update) {
            for (AttributeChange change : update.changes()) {
                properties.add(new ModifiedProperty(change.name(), text(change.oldValue()), text(change.newValue())));
            }
        } else if (action instanceof Action.Create create) {
            for (String name : create.attributes().names()) {
                properties.add(new ModifiedProperty(name, null, text(create.attributes().get(name))));
            }
        } else if (action instanceof Action.Disable) {
            properties.add(new ModifiedProperty("accountEnabled", "True", "False"));
        }
        return properties;
    }

    private static String text(Object value) {
        return value == null ? null : Attributes.text(value);
    }

    List<ProvisioningStep> steps() {
        String name = source.displayName() != null ? source.displayName() : source.id();
        List<ProvisioningStep> steps = new ArrayList<>();
        steps.add(new ProvisioningStep(ProvisioningStepType.IMPORT, "EntryImport", ProvisioningStatus.SUCCESS,
                "Retrieved " + name + " from " + SOURCE_SYSTEM));
        if (scope == null) {
            steps.add(new ProvisioningStep(ProvisioningStepType.SCOPING, "EntrySynchronizationScoping",
                    ProvisioningStatus.SKIPPED, "not evaluated: the source object is deleted"));
        } else {
            steps.add(new ProvisioningStep(ProvisioningStepType.SCOPING, "EntrySynchronizationScoping",
                    scope.inScope() ? ProvisioningStatus.SUCCESS : ProvisioningStatus.SKIPPED,
                    (scope.inScope() ? "in scope: " : "out of scope: ") + scope.reason()));
        }
        steps.add(new ProvisioningStep(ProvisioningStepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                matchingSummary.isEmpty() ? "no matching performed" : matchingSummary));
        steps.add(new ProvisioningStep(ProvisioningStepType.EXPORT, exportStepName(), status(), reason()));
        return steps;
    }

    private String exportStepName() {
        if (result instanceof ExportResult.Held) {
            return "EntryExportStagedDelete";
        }
        return switch (logAction(decision.action())) {
            case CREATE -> "EntryExportAdd";
            case UPDATE, DISABLE -> "EntryExportUpdate";
            case DELETE -> "EntryExportDelete";
            case RESTORE -> "EntryExportRestore";
            case SKIP, STAGED_DELETE -> "EntrySynchronizationSkip";
        };
    }
}
