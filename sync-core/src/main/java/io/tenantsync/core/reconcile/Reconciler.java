package io.tenantsync.core.reconcile;

import io.tenantsync.core.mapping.MappedTarget;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.reconcile.Action.SkipCause;
import io.tenantsync.core.reconcile.ReconcileOptions.TargetObjectAction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides what to do to one target user so that it reflects its source user, following Entra's Cross-Tenant
 * Synchronization lifecycle (reference/entra-semantics.md §3.2 and §4.5). Pure and deterministic: the same inputs
 * always give the same {@link Decision}, and applying it then deciding again gives a {@link Action.Skip} (after a
 * {@link Action.Restore}, one {@link Action.Update} first).
 */
public final class Reconciler {

    /** A computed mapping target (§1.2): it steers deprovisioning, but Graph has no such property to write. */
    static final String IS_SOFT_DELETED = "IsSoftDeleted";

    private static final String ACCOUNT_ENABLED = "accountEnabled";
    private static final String USER_TYPE = "userType";

    private Reconciler() {
    }

    /**
     * @param source  the source user as it is now
     * @param link    its pairing with a target user, if any
     * @param target  the target user found through the link or, when unlinked, by the matching attribute
     * @param desired what the mappings make of the source user
     * @param trust   whether the cross-tenant trust allows sync between the two tenants
     * @param options the connection's deprovisioning and flow settings
     * @param now     the time soft-delete windows are measured against
     */
    public static Decision decide(SourceState source, Link link, TargetState target, MappedTarget desired,
            TrustDecision trust, ReconcileOptions options, Instant now) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(now, "now");

        // A refused trust stops sync but leaves synchronized users untouched (§3.2), so deprovisioning stops too.
        if (trust instanceof TrustDecision.Refused refused) {
            return Decision.skip(SkipCause.TRUST_REFUSED, "cross-tenant trust refused (" + refused.reason() + "): "
                    + refused.errorCode() + ": " + refused.errorText() + " → skip, nothing written");
        }
        if (isInternal(target)) {
            return Decision.skip(SkipCause.INTERNAL_TARGET_USER, "target user " + objectId(target)
                    + " is an internal member or guest of the target tenant; sync only matches and manages B2B"
                    + " collaboration users → skip");
        }
        if (source instanceof SourceState.Live live) {
            return live.scope().inScope()
                    ? inScope(live, link, target, desired, options, now)
                    : outOfScope(live, link, target, options);
        }
        if (source instanceof SourceState.SoftDeleted) {
            return sourceSoftDeleted(link, target, options);
        }
        return sourceHardDeleted(link, target, options, now);
    }

    private static Decision inScope(SourceState.Live source, Link link, TargetState target, MappedTarget desired,
            ReconcileOptions options, Instant now) {
        String inScope = "source user in scope (" + source.scope().reason() + ")";
        if (!source.accountEnabled()) {
            // Entra does not provision a disabled user (§3.2): only a user sync already manages is disabled.
            if (link instanceof Link.Unlinked) {
                return Decision.skip(SkipCause.SOURCE_DISABLED, inScope
                        + " but disabled, and never provisioned: a disabled user is not provisioned until enabled → skip");
            }
            if (target instanceof TargetState.Absent) {
                return Decision.skip(SkipCause.SOURCE_DISABLED, inScope + " but disabled, and linked target user "
                        + ((Link.Linked) link).targetObjectId()
                        + " no longer exists: a disabled user is not provisioned until enabled → skip");
            }
            if (target instanceof TargetState.SoftDeleted deleted) {
                return Decision.skip(SkipCause.SOURCE_DISABLED, inScope + " but disabled: soft-deleted target user "
                        + deleted.objectId() + " is not restored until the source user is enabled → skip");
            }
        }
        if (target instanceof TargetState.Absent) {
            String why = link instanceof Link.Linked linked
                    ? inScope + "; linked target user " + linked.targetObjectId() + " no longer exists"
                    : inScope + " and no matching target user";
            return create(why, desired, options);
        }
        if (target instanceof TargetState.SoftDeleted deleted) {
            return reentry(inScope, link, deleted, desired, options, now);
        }
        return converge(source, link, (TargetState.Present) target, desired, options);
    }

    /** A source user back in scope whose target user is in the recycle bin (§3.2 restore). */
    private static Decision reentry(String inScope, Link link, TargetState.SoftDeleted deleted, MappedTarget desired,
            ReconcileOptions options, Instant now) {
        String deletedAt = "target user " + deleted.objectId() + " soft-deleted at " + deleted.deletedDateTime();
        if (!deleted.restorableAt(now, options.softDeleteRetention())) {
            return create(inScope + "; " + deletedAt + " is past the " + options.softDeleteRetention().toDays()
                    + "-day restore window", desired, options);
        }
        boolean deletedBySync = link instanceof Link.Linked linked && linked.softDeletedBySync();
        if (!deletedBySync) {
            return Decision.skip(SkipCause.DELETED_IN_TARGET, inScope + "; " + deletedAt
                    + " directly in the target, not by sync: such users are not restored (restore it in the target)"
                    + " → skip");
        }
        if (!options.allows(TargetObjectAction.UPDATE)) {
            return notAllowed(inScope + "; " + deletedAt + " would be restored", TargetObjectAction.UPDATE);
        }
        return new Decision(new Action.Restore(), inScope + " again within the "
                + options.softDeleteRetention().toDays() + "-day window; " + deletedAt + " → restore the same user");
    }

    private static Decision create(String why, MappedTarget desired, ReconcileOptions options) {
        if (!options.allows(TargetObjectAction.CREATE)) {
            return notAllowed(why + "; a user would be created", TargetObjectAction.CREATE);
        }
        return new Decision(new Action.Create(writable(desired.forCreate())), why + " → create");
    }

    /** Make a present B2B target user match the Always mappings (§1.2, §4.5). */
    private static Decision converge(SourceState.Live source, Link link, TargetState.Present target,
            MappedTarget desired, ReconcileOptions options) {
        Attributes wanted = writable(desired.always());
        if (!source.accountEnabled()) {
            // A disabled source disables the target whatever accountEnabled is mapped to (§3.2).
            wanted = wanted.with(ACCOUNT_ENABLED, false);
        }
        List<AttributeChange> changes = AttributeDiff.between(target.attributes(), wanted,
                options.alwaysMappedAttributes(), desired.createOnly());
        String subject = link instanceof Link.Unlinked
                ? "matched existing B2B user " + target.objectId() + " by the matching attribute"
                : "target user " + target.objectId();
        String keptUserType = keptUserType(target, desired);
        if (changes.isEmpty()) {
            return Decision.skip(SkipCause.ALREADY_IN_SYNC, "source user in scope; " + subject
                    + " already in sync with the source" + keptUserType + " → skip");
        }
        boolean onlyDisables = changes.size() == 1
                && changes.get(0).name().equalsIgnoreCase(ACCOUNT_ENABLED)
                && Boolean.FALSE.equals(changes.get(0).newValue());
        String situation = source.accountEnabled() ? "source user in scope" : "source user is disabled";
        if (!options.allows(TargetObjectAction.UPDATE)) {
            return notAllowed(situation + "; " + subject + " differs in " + names(changes),
                    TargetObjectAction.UPDATE);
        }
        if (onlyDisables) {
            return new Decision(new Action.Disable(), situation + "; " + subject + " is enabled" + keptUserType
                    + " → disable");
        }
        return new Decision(new Action.Update(changes), situation + "; " + subject + " differs in "
                + names(changes) + keptUserType + " → update");
    }

    /** A source user out of scope (§3.2 CTS rows, SkipOutOfScopeDeletions, the disabled-user exception). */
    private static Decision outOfScope(SourceState.Live source, Link link, TargetState target,
            ReconcileOptions options) {
        String scopeReason = source.scope().reason();
        if (target instanceof TargetState.Absent) {
            return Decision.skip(SkipCause.NOT_IN_SCOPE, "source user not in scope (" + scopeReason
                    + ") and has no target user → skip");
        }
        if (link instanceof Link.Unlinked) {
            return Decision.skip(SkipCause.NOT_MANAGED, "source user not in scope (" + scopeReason + "); target user "
                    + objectId(target) + " was never provisioned by sync → left as it is");
        }
        if (target instanceof TargetState.SoftDeleted) {
            return Decision.skip(SkipCause.ALREADY_DEPROVISIONED, "source user not in scope (" + scopeReason
                    + "); target user " + objectId(target) + " already soft-deleted → skip");
        }
        TargetState.Present present = (TargetState.Present) target;
        String leftScope = "source user left scope: " + scopeReason;
        if (options.skipOutOfScopeDeletions()) {
            return Decision.skip(SkipCause.SKIP_OUT_OF_SCOPE_DELETIONS, leftScope
                    + "; SkipOutOfScopeDeletions is set → target user left as it is");
        }
        if (!source.accountEnabled()) {
            // Documented CTS exception (§3.2): a user disabled (and synced as disabled) before leaving scope is not
            // soft-deleted. Still enabled in the target means the disable has not flowed yet: flow it, nothing more.
            if (!present.accountEnabled()) {
                return Decision.skip(SkipCause.DISABLED_USER_LEFT_SCOPE, "disabled " + leftScope
                        + "; a disabled user removed from scope is not soft-deleted, target user already disabled"
                        + " → skip");
            }
            if (!options.allows(TargetObjectAction.UPDATE)) {
                return notAllowed("disabled " + leftScope + "; target user is enabled", TargetObjectAction.UPDATE);
            }
            return new Decision(new Action.Disable(), "disabled " + leftScope
                    + "; a disabled user removed from scope is not soft-deleted → disable");
        }
        if (!options.allows(TargetObjectAction.DELETE)) {
            return notAllowed(leftScope + "; the target user would be deprovisioned", TargetObjectAction.DELETE);
        }
        return switch (options.scopeExitAction()) {
            case SOFT_DELETE -> new Decision(new Action.SoftDelete(), leftScope + " → soft delete");
            case DISABLE -> present.accountEnabled()
                    ? new Decision(new Action.Disable(), leftScope + " → disable")
                    : Decision.skip(SkipCause.ALREADY_DEPROVISIONED, leftScope
                            + "; target user already disabled → skip");
        };
    }

    /** The source user is in its recycle bin: CTS soft-deletes the target user (§3.2). */
    private static Decision sourceSoftDeleted(Link link, TargetState target, ReconcileOptions options) {
        String deleted = "source user was deleted (in the source recycle bin)";
        if (target instanceof TargetState.Absent) {
            return Decision.skip(SkipCause.ALREADY_DEPROVISIONED, deleted + " and has no target user → skip");
        }
        if (link instanceof Link.Unlinked) {
            return Decision.skip(SkipCause.NOT_MANAGED, deleted + "; target user " + objectId(target)
                    + " was never provisioned by sync → left as it is");
        }
        if (target instanceof TargetState.SoftDeleted) {
            return Decision.skip(SkipCause.ALREADY_DEPROVISIONED, deleted + "; target user " + objectId(target)
                    + " already soft-deleted → skip");
        }
        if (!options.allows(TargetObjectAction.DELETE)) {
            return notAllowed(deleted + "; the target user would be soft-deleted", TargetObjectAction.DELETE);
        }
        return new Decision(new Action.SoftDelete(), deleted + " → soft delete");
    }

    /** The source user is gone for good: Entra sends a hard delete (§3.1, §3.2); nothing is left to restore. */
    private static Decision sourceHardDeleted(Link link, TargetState target, ReconcileOptions options, Instant now) {
        String deleted = "source user was permanently deleted";
        if (target instanceof TargetState.Absent) {
            return Decision.skip(SkipCause.ALREADY_DEPROVISIONED, deleted + " and has no target user → skip");
        }
        if (link instanceof Link.Unlinked) {
            return Decision.skip(SkipCause.NOT_MANAGED, deleted + "; target user " + objectId(target)
                    + " was never provisioned by sync → left as it is");
        }
        if (target instanceof TargetState.SoftDeleted softDeleted
                && !softDeleted.restorableAt(now, options.softDeleteRetention())) {
            return Decision.skip(SkipCause.ALREADY_DEPROVISIONED, deleted + "; target user " + objectId(target)
                    + " is past its restore window and purged → skip");
        }
        if (!options.allows(TargetObjectAction.DELETE)) {
            return notAllowed(deleted + "; the target user would be deleted", TargetObjectAction.DELETE);
        }
        return new Decision(new Action.HardDelete(), deleted + " → permanently delete target user "
                + objectId(target));
    }

    private static Decision notAllowed(String situation, TargetObjectAction needed) {
        return Decision.skip(SkipCause.ACTION_NOT_ALLOWED, situation + ", but " + needed
                + " is not among the target object actions → skip");
    }

    private static Attributes writable(Attributes attributes) {
        return attributes.without(IS_SOFT_DELETED);
    }

    /** Notes a userType left as it is because its mapping applies only on create (§4.3, §4.5). */
    private static String keptUserType(TargetState.Present target, MappedTarget desired) {
        String created = desired.createOnly().getString(USER_TYPE);
        String current = target.userType();
        if (desired.always().has(USER_TYPE) || created == null || current == null || created.equals(current)) {
            return "";
        }
        return "; userType " + current + " kept (its mapping applies only on create)";
    }

    private static String names(List<AttributeChange> changes) {
        return changes.stream()
                .map(change -> change.clears() ? change.name() + " (cleared)" : change.name())
                .collect(Collectors.joining(", "));
    }

    private static boolean isInternal(TargetState target) {
        return target instanceof TargetState.Present present && present.origin() == TargetState.Origin.INTERNAL
                || target instanceof TargetState.SoftDeleted deleted
                        && deleted.origin() == TargetState.Origin.INTERNAL;
    }

    private static String objectId(TargetState target) {
        if (target instanceof TargetState.Present present) {
            return present.objectId();
        }
        if (target instanceof TargetState.SoftDeleted deleted) {
            return deleted.objectId();
        }
        return "(none)";
    }
}
