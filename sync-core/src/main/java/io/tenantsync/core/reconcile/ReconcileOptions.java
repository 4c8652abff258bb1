package io.tenantsync.core.reconcile;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A connection's deprovisioning and flow settings, read once and passed to every decision.
 *
 * @param skipOutOfScopeDeletions Entra's {@code SkipOutOfScopeDeletions}: users leaving scope are left as they are
 *                                (Entra ignores it for CTS; we honour it)
 * @param scopeExitAction         what happens to a target user whose source leaves scope
 * @param softDeleteRetention     how long a soft-deleted target user stays restorable (Entra: 30 days)
 * @param targetObjectActions     the object mapping's {@code flowTypes}: which kinds of write are allowed at all
 * @param alwaysMappedAttributes  target attribute names with an Always mapping; when one is absent from the mapped
 *                                result (the source was null) its target value is cleared. Case-insensitive.
 */
public record ReconcileOptions(
        boolean skipOutOfScopeDeletions,
        ScopeExitAction scopeExitAction,
        Duration softDeleteRetention,
        Set<TargetObjectAction> targetObjectActions,
        Set<String> alwaysMappedAttributes) {

    /** Entra's retention of soft-deleted users. */
    public static final Duration ENTRA_SOFT_DELETE_RETENTION = Duration.ofDays(30);

    /** What deprovisions a target user whose source left scope. */
    public enum ScopeExitAction {
        /** The CTS behaviour: soft delete, restorable within the retention window. */
        SOFT_DELETE,
        /** Set {@code accountEnabled} false and keep the user. */
        DISABLE
    }

    /** Graph's object-mapping {@code flowTypes} ("Target object actions" in the portal). */
    public enum TargetObjectAction {
        /** {@code Add}: create target users. */
        CREATE,
        /** {@code Update}: change existing target users, including disabling and restoring them. */
        UPDATE,
        /** {@code Delete}: soft or hard delete target users, and deprovision those leaving scope. */
        DELETE
    }

    public ReconcileOptions {
        Objects.requireNonNull(scopeExitAction, "scopeExitAction");
        Objects.requireNonNull(softDeleteRetention, "softDeleteRetention");
        Objects.requireNonNull(targetObjectActions, "targetObjectActions");
        Objects.requireNonNull(alwaysMappedAttributes, "alwaysMappedAttributes");
        targetObjectActions = targetObjectActions.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(TargetObjectAction.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(targetObjectActions));
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(alwaysMappedAttributes);
        alwaysMappedAttributes = Collections.unmodifiableSet(names);
    }

    /** Entra's defaults: soft delete on scope exit, 30-day retention, create, update and delete all enabled. */
    public static ReconcileOptions defaults() {
        return new ReconcileOptions(false, ScopeExitAction.SOFT_DELETE, ENTRA_SOFT_DELETE_RETENTION,
                EnumSet.allOf(TargetObjectAction.class), Set.of());
    }

    public boolean allows(TargetObjectAction action) {
        return targetObjectActions.contains(action);
    }

    public ReconcileOptions withSkipOutOfScopeDeletions(boolean skip) {
        return new ReconcileOptions(skip, scopeExitAction, softDeleteRetention, targetObjectActions,
                alwaysMappedAttributes);
    }

    public ReconcileOptions withScopeExitAction(ScopeExitAction action) {
        return new ReconcileOptions(skipOutOfScopeDeletions, action, softDeleteRetention, targetObjectActions,
                alwaysMappedAttributes);
    }

    public ReconcileOptions withSoftDeleteRetention(Duration retention) {
        return new ReconcileOptions(skipOutOfScopeDeletions, scopeExitAction, retention, targetObjectActions,
                alwaysMappedAttributes);
    }

    public ReconcileOptions withTargetObjectActions(Set<TargetObjectAction> actions) {
        return new ReconcileOptions(skipOutOfScopeDeletions, scopeExitAction, softDeleteRetention, actions,
                alwaysMappedAttributes);
    }

    public ReconcileOptions withAlwaysMappedAttributes(Set<String> names) {
        return new ReconcileOptions(skipOutOfScopeDeletions, scopeExitAction, softDeleteRetention,
                targetObjectActions, names);
    }
}
