package io.tenantsync.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.mapping.MappedTarget;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.reconcile.Action.SkipCause;
import io.tenantsync.core.reconcile.ReconcileOptions.ScopeExitAction;
import io.tenantsync.core.reconcile.ReconcileOptions.TargetObjectAction;
import io.tenantsync.core.reconcile.SourceState.Scope;
import io.tenantsync.core.reconcile.TargetState.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per lifecycle case of reference/entra-semantics.md §3.2 and §4.5: the action decided and the key words of
 * its reason. The row's first column is the behaviour, and the test's display name.
 */
class ReconcilerLifecycleTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final Scope IN = Scope.in("assigned through group Sales");
    static final Scope OUT = Scope.out("clause department EQUALS Sales failed");
    static final MappedTarget DESIRED = new MappedTarget(
            Attributes.of("displayName", "Ada Lovelace", "department", "Sales", "accountEnabled", true,
                    "showInAddressList", "true"),
            Attributes.of("userType", "Member"));
    static final Attributes IN_SYNC = Attributes.of("displayName", "Ada Lovelace", "department", "Sales",
            "accountEnabled", true, "showInAddressList", true, "userType", "Member");
    static final TrustDecision.Refused REFUSED = new TrustDecision.Refused("target inbound sync not allowed",
            "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure",
            "The target tenant has not enabled inbound synchronization with this tenant.");

    record Row(String behaviour, SourceState source, Link link, TargetState target, MappedTarget desired,
            TrustDecision trust, ReconcileOptions options, Class<? extends Action> expected, SkipCause cause,
            List<String> reasonWords) {

        @Override
        public String toString() {
            return behaviour;
        }

        Row with(ReconcileOptions changed) {
            return new Row(behaviour, source, link, target, desired, trust, changed, expected, cause, reasonWords);
        }

        Row with(MappedTarget changed) {
            return new Row(behaviour, source, link, target, changed, trust, options, expected, cause, reasonWords);
        }

        Row with(TrustDecision changed) {
            return new Row(behaviour, source, link, target, desired, changed, options, expected, cause, reasonWords);
        }
    }

    static Row row(String behaviour, SourceState source, Link link, TargetState target,
            Class<? extends Action> expected, String... reasonWords) {
        return new Row(behaviour, source, link, target, DESIRED, TrustDecision.allow(), ReconcileOptions.defaults(),
                expected, null, List.of(reasonWords));
    }

    static Row skip(String behaviour, SourceState source, Link link, TargetState target, SkipCause cause,
            String... reasonWords) {
        return new Row(behaviour, source, link, target, DESIRED, TrustDecision.allow(), ReconcileOptions.defaults(),
                Action.Skip.class, cause, List.of(reasonWords));
    }

    static SourceState enabled(Scope scope) {
        return new SourceState.Live(Attributes.of("displayName", "Ada Lovelace"), true, scope);
    }

    static SourceState disabled(Scope scope) {
        return new SourceState.Live(Attributes.of("displayName", "Ada Lovelace"), false, scope);
    }

    static TargetState.Present external(Attributes attributes) {
        return new TargetState.Present("t-1", Origin.EXTERNAL, attributes);
    }

    static TargetState.SoftDeleted softDeleted(Duration ago) {
        return new TargetState.SoftDeleted("t-1", Origin.EXTERNAL, IN_SYNC, NOW.minus(ago));
    }

    static Link linked() {
        return Link.to("t-1");
    }

    static Link softDeletedBySync() {
        return new Link.Linked("t-1", true);
    }

    static Stream<Row> lifecycle() {
        TargetState inSync = external(IN_SYNC);
        TargetState targetDisabled = external(IN_SYNC.with("accountEnabled", false));
        TargetState staleName = external(IN_SYNC.with("displayName", "Ada Byron"));
        TargetState guest = external(IN_SYNC.with("userType", "Guest"));
        TargetState absent = TargetState.absent();
        ReconcileOptions defaults = ReconcileOptions.defaults();
        return Stream.of(
                // §3.1 steps 3-5, §4.5: create, match, already in sync
                row("inScopeUserWithoutMatchIsCreated", enabled(IN), Link.none(), absent,
                        Action.Create.class, "in scope", "no matching target user", "→ create"),
                row("inScopeUserMatchingAnExistingB2bUserIsUpdatedNotCreated", enabled(IN), Link.none(), staleName,
                        Action.Update.class, "matched existing B2B user t-1", "displayName", "→ update"),
                skip("targetThatAlreadyMatchesIsSkippedAsAlreadyInSync", enabled(IN), linked(), inSync,
                        SkipCause.ALREADY_IN_SYNC, "already in sync", "→ skip"),
                row("linkedTargetThatNoLongerExistsIsCreatedAgain", enabled(IN), linked(), absent,
                        Action.Create.class, "linked target user t-1 no longer exists", "→ create"),
                // §4.3, §4.5: existing guests keep userType unless the mapping is Always
                skip("existingGuestIsMatchedAndStaysGuestWhenUserTypeAppliesOnlyOnCreate", enabled(IN), Link.none(),
                        guest, SkipCause.ALREADY_IN_SYNC, "matched existing B2B user", "userType Guest kept"),
                row("existingGuestBecomesMemberWhenUserTypeIsMappedAlways", enabled(IN), Link.none(), guest,
                        Action.Update.class, "userType", "→ update")
                        .with(new MappedTarget(DESIRED.always().with("userType", "Member"), Attributes.empty())),
                // §4.5: internal target users are never matched
                skip("internalTargetMemberIsNeverMatchedOrUpdated", enabled(IN), Link.none(),
                        new TargetState.Present("t-9", Origin.INTERNAL, IN_SYNC.with("displayName", "Other")),
                        SkipCause.INTERNAL_TARGET_USER, "t-9", "internal member or guest", "→ skip"),
                skip("internalTargetGuestIsNeverDeprovisioned", enabled(OUT), linked(),
                        new TargetState.Present("t-9", Origin.INTERNAL, IN_SYNC.with("userType", "Guest")),
                        SkipCause.INTERNAL_TARGET_USER, "internal"),
                // §4.4, §3.2: refused trust writes nothing
                skip("refusedTrustSkipsWithTheRefusalsErrorText", enabled(IN), Link.none(), absent,
                        SkipCause.TRUST_REFUSED, "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure",
                        "The target tenant has not enabled inbound synchronization with this tenant.",
                        "nothing written").with(REFUSED),
                skip("refusedTrustLeavesSynchronizedUsersUntouchedEvenOutOfScope", enabled(OUT), linked(), inSync,
                        SkipCause.TRUST_REFUSED, "trust refused").with(REFUSED),
                // §3.2 CTS: scope exit soft-deletes; options
                row("userLeavingScopeIsSoftDeleted", enabled(OUT), linked(), inSync, Action.SoftDelete.class,
                        "source user left scope: clause department EQUALS Sales failed → soft delete"),
                row("userLeavingScopeIsDisabledWhenTheScopeExitActionIsDisable", enabled(OUT), linked(), inSync,
                        Action.Disable.class, "source user left scope: clause department EQUALS Sales failed → disable")
                        .with(defaults.withScopeExitAction(ScopeExitAction.DISABLE)),
                skip("userLeavingScopeWhoseTargetIsAlreadyDisabledIsSkippedWhenTheScopeExitActionIsDisable",
                        enabled(OUT), linked(), targetDisabled, SkipCause.ALREADY_DEPROVISIONED, "already disabled")
                        .with(defaults.withScopeExitAction(ScopeExitAction.DISABLE)),
                skip("skipOutOfScopeDeletionsLeavesAUserLeavingScopeAsItIs", enabled(OUT), linked(), inSync,
                        SkipCause.SKIP_OUT_OF_SCOPE_DELETIONS, "left scope", "SkipOutOfScopeDeletions")
                        .with(defaults.withSkipOutOfScopeDeletions(true)),
                skip("deleteTargetActionOffLeavesAUserLeavingScopeAsItIs", enabled(OUT), linked(), inSync,
                        SkipCause.ACTION_NOT_ALLOWED, "left scope", "DELETE is not among the target object actions")
                        .with(defaults.withTargetObjectActions(
                                EnumSet.of(TargetObjectAction.CREATE, TargetObjectAction.UPDATE))),
                skip("userLeavingScopeWhoseTargetIsAlreadySoftDeletedIsSkipped", enabled(OUT), softDeletedBySync(),
                        softDeleted(Duration.ofDays(2)), SkipCause.ALREADY_DEPROVISIONED, "already soft-deleted"),
                skip("outOfScopeUserNeverProvisionedIsSkipped", enabled(OUT), Link.none(), absent,
                        SkipCause.NOT_IN_SCOPE, "not in scope", "clause department EQUALS Sales failed"),
                skip("outOfScopeUserMatchingAnUnlinkedB2bUserDoesNotDeprovisionIt", enabled(OUT), Link.none(),
                        inSync, SkipCause.NOT_MANAGED, "never provisioned by sync"),
                // §3.2: disabled source; the documented disabled-then-removed exception
                row("disabledSourceDisablesTheTargetByUpdate", disabled(IN), linked(), inSync,
                        Action.Disable.class, "source user is disabled", "→ disable"),
                row("disabledSourceWithOtherChangesIsOneUpdateThatAlsoDisables", disabled(IN), linked(), staleName,
                        Action.Update.class, "accountEnabled", "displayName", "→ update"),
                skip("disabledSourceAlreadyDisabledInTargetIsInSync", disabled(IN), linked(), targetDisabled,
                        SkipCause.ALREADY_IN_SYNC, "already in sync"),
                skip("disabledSourceUserIsNotCreated", disabled(IN), Link.none(), absent,
                        SkipCause.SOURCE_DISABLED, "disabled", "not provisioned until enabled"),
                skip("disabledSourceUserIsNotMatchedToAnUnlinkedB2bUser", disabled(IN), Link.none(), inSync,
                        SkipCause.SOURCE_DISABLED, "disabled"),
                skip("disabledSourceUserIsNotRestored", disabled(IN), softDeletedBySync(),
                        softDeleted(Duration.ofDays(2)), SkipCause.SOURCE_DISABLED, "not restored"),
                row("reenabledSourceReenablesTheTarget", enabled(IN), linked(), targetDisabled,
                        Action.Update.class, "accountEnabled", "→ update"),
                skip("disabledUserRemovedFromScopeIsNotSoftDeleted", disabled(OUT), linked(), targetDisabled,
                        SkipCause.DISABLED_USER_LEFT_SCOPE, "disabled source user left scope",
                        "is not soft-deleted", "→ skip"),
                row("disabledUserRemovedFromScopeBeforeTheDisableFlowedIsDisabledNotSoftDeleted", disabled(OUT),
                        linked(), inSync, Action.Disable.class, "is not soft-deleted", "→ disable"),
                // §3.2 CTS: source deletion
                row("sourceUserDeletedToItsRecycleBinSoftDeletesTheTarget", new SourceState.SoftDeleted(IN_SYNC),
                        linked(), inSync, Action.SoftDelete.class, "source user was deleted", "→ soft delete"),
                row("sourceUserDeletedWhileDisabledStillSoftDeletesTheTarget", new SourceState.SoftDeleted(IN_SYNC),
                        linked(), targetDisabled, Action.SoftDelete.class, "→ soft delete"),
                skip("sourceUserDeletedWithTargetAlreadySoftDeletedIsSkipped", new SourceState.SoftDeleted(IN_SYNC),
                        softDeletedBySync(), softDeleted(Duration.ofDays(1)), SkipCause.ALREADY_DEPROVISIONED,
                        "already soft-deleted"),
                skip("sourceUserDeletedLeavesAnUnlinkedTargetUserAlone", new SourceState.SoftDeleted(IN_SYNC),
                        Link.none(), inSync, SkipCause.NOT_MANAGED, "never provisioned by sync"),
                skip("deleteTargetActionOffLeavesSourceDeletionsUnapplied", new SourceState.SoftDeleted(IN_SYNC),
                        linked(), inSync, SkipCause.ACTION_NOT_ALLOWED, "DELETE")
                        .with(defaults.withTargetObjectActions(EnumSet.of(TargetObjectAction.UPDATE))),
                row("sourceUserPermanentlyDeletedHardDeletesTheTarget", new SourceState.HardDeleted(), linked(),
                        inSync, Action.HardDelete.class, "permanently deleted", "→ permanently delete target user t-1"),
                row("sourceUserPermanentlyDeletedPurgesTheSoftDeletedTarget", new SourceState.HardDeleted(),
                        softDeletedBySync(), softDeleted(Duration.ofDays(3)), Action.HardDelete.class,
                        "permanently deleted"),
                skip("sourceUserPermanentlyDeletedWithTargetPastItsWindowIsSkipped", new SourceState.HardDeleted(),
                        softDeletedBySync(), softDeleted(Duration.ofDays(31)), SkipCause.ALREADY_DEPROVISIONED,
                        "purged"),
                skip("sourceUserPermanentlyDeletedWithoutTargetIsSkipped", new SourceState.HardDeleted(), linked(),
                        absent, SkipCause.ALREADY_DEPROVISIONED, "no target user"),
                // §3.2: restore within 30 days, a new user after; target-side deletions not restored
                row("softDeletedUserReenteringScopeIsRestoredNotRecreated", enabled(IN), softDeletedBySync(),
                        softDeleted(Duration.ofDays(10)), Action.Restore.class, "within the 30-day window",
                        "→ restore the same user"),
                row("softDeletedUserReenteringScopeOneSecondBeforeTheWindowEndsIsRestored", enabled(IN),
                        softDeletedBySync(), softDeleted(Duration.ofDays(30).minusSeconds(1)),
                        Action.Restore.class, "restore"),
                row("softDeletedUserReenteringScopeWhenTheWindowEndsIsCreatedAnew", enabled(IN),
                        softDeletedBySync(), softDeleted(Duration.ofDays(30)), Action.Create.class,
                        "past the 30-day restore window", "→ create"),
                row("softDeletedUserReenteringScopeAfterTheWindowIsCreatedAnew", enabled(IN), softDeletedBySync(),
                        softDeleted(Duration.ofDays(45)), Action.Create.class, "past the 30-day restore window"),
                skip("userSoftDeletedDirectlyInTheTargetIsNotRestored", enabled(IN), linked(),
                        softDeleted(Duration.ofDays(1)), SkipCause.DELETED_IN_TARGET,
                        "directly in the target, not by sync", "restore it in the target"),
                // §1.2: object-mapping target object actions
                skip("createTargetActionOffPreventsNewUsers", enabled(IN), Link.none(), absent,
                        SkipCause.ACTION_NOT_ALLOWED, "CREATE is not among the target object actions")
                        .with(defaults.withTargetObjectActions(
                                EnumSet.of(TargetObjectAction.UPDATE, TargetObjectAction.DELETE))),
                row("createTargetActionOffStillUpdatesExistingUsers", enabled(IN), linked(), staleName,
                        Action.Update.class, "displayName")
                        .with(defaults.withTargetObjectActions(
                                EnumSet.of(TargetObjectAction.UPDATE, TargetObjectAction.DELETE))),
                skip("updateTargetActionOffLeavesDifferencesInPlace", enabled(IN), linked(), staleName,
                        SkipCause.ACTION_NOT_ALLOWED, "displayName", "UPDATE")
                        .with(defaults.withTargetObjectActions(EnumSet.of(TargetObjectAction.CREATE))),
                skip("updateTargetActionOffPreventsRestores", enabled(IN), softDeletedBySync(),
                        softDeleted(Duration.ofDays(2)), SkipCause.ACTION_NOT_ALLOWED, "would be restored", "UPDATE")
                        .with(defaults.withTargetObjectActions(EnumSet.of(TargetObjectAction.CREATE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void decidesTheLifecycleAction(Row row) {
        Decision decision = Reconciler.decide(row.source(), row.link(), row.target(), row.desired(), row.trust(),
                row.options(), NOW);

        assertThat(decision.action()).isInstanceOf(row.expected());
        if (row.cause() != null) {
            assertThat(((Action.Skip) decision.action()).cause()).isEqualTo(row.cause());
        }
        assertThat(decision.reason()).contains(row.reasonWords());
    }
}
