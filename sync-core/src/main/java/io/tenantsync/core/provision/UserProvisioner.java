package io.tenantsync.core.provision;

import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.mapping.MappedTarget;
import io.tenantsync.core.mapping.MappingProblem;
import io.tenantsync.core.mapping.MappingResult;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.provision.ProvisioningOutcome.Status;
import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.Decision;
import io.tenantsync.core.reconcile.Link;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.reconcile.Reconciler;
import io.tenantsync.core.reconcile.SourceState;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.target.TargetDirectory;
import io.tenantsync.core.target.TargetDirectoryException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Provisions one source user into the target: map, shape for the target, find the target user (by link, else by the
 * invited address so a create whose response was lost is found instead of repeated), decide, act. Level-based: it
 * reads the target each time and writes only the difference, so calling it again after a success writes nothing.
 *
 * <p>A source attribute that is null is not flowed (Entra's default: null values are not exported), so target values
 * the mappings do not produce are left alone; {@link ReconcileOptions#alwaysMappedAttributes()} opts attributes into
 * clearing.
 *
 * <p>Used by the SCIM gateway for each pushed change and by the sync job for each changed source user. It keeps no
 * state: the caller stores the returned link.
 */
public final class UserProvisioner {

    /** A restore makes an update possible; more steps than this would mean decisions that never settle. */
    private static final int MAX_STEPS = 3;

    private final TargetDirectory target;
    private final MappingSet mappings;
    private final ReconcileOptions options;
    private final ExternalUpnFormat upn;
    private final Supplier<TrustDecision> trust;
    private final Function<String, Optional<String>> managerTargetId;
    private final EvaluationContext context;
    private final Clock clock;

    /**
     * @param trust           the connection's current trust decision (the caller caches and refreshes it)
     * @param managerTargetId the target object id linked to a source user id, for {@code manager}
     */
    public UserProvisioner(TargetDirectory target, MappingSet mappings, ReconcileOptions options,
                           ExternalUpnFormat upn, Supplier<TrustDecision> trust,
                           Function<String, Optional<String>> managerTargetId, EvaluationContext context,
                           Clock clock) {
        this.target = target;
        this.mappings = mappings;
        this.options = options;
        this.upn = upn;
        this.trust = trust;
        this.managerTargetId = managerTargetId;
        this.context = context;
        this.clock = clock;
    }

    public ProvisioningOutcome provision(SourceUser user, Link link) {
        return provision(user, link, null);
    }

    /**
     * The addresses an unlinked user can match in the target now ({@link TargetDirectory#matchableAddresses()}), read
     * once by a caller about to provision many users, or empty when the target cannot list them.
     */
    public Optional<Set<String>> matchableAddresses() {
        return target.matchableAddresses();
    }

    /**
     * {@link #provision(SourceUser, Link)} with the target's {@link #matchableAddresses()} read beforehand: an unlinked
     * user whose address is not among them is absent from the target without a lookup. A user the target got
     * meanwhile under that address is still found: the invitation answers with the existing user.
     *
     * @param matchable the addresses, lower case, or null to look every unlinked user up
     */
    public ProvisioningOutcome provision(SourceUser user, Link link, Set<String> matchable) {
        return provision(user, link, matchable, false);
    }

    /**
     * {@link #provision(SourceUser, Link, Set)} for an unlinked user whose earlier creation failed in a way that may
     * have committed it (the invitation's response was lost): a B2B user found by the invited address is taken as the
     * one that creation made and linked first, whatever the source's scope now, so a user who left scope or was
     * deleted meanwhile is deprovisioned instead of being left unmanaged in the target.
     *
     * @param creationPending whether such a creation may be pending; false is {@link #provision(SourceUser, Link, Set)}
     */
    public ProvisioningOutcome provision(SourceUser user, Link link, Set<String> matchable, boolean creationPending) {
        Attributes sourceAttributes = attributesOf(user.state());
        MappedTarget mapped = new MappedTarget(Attributes.empty(), Attributes.empty());
        if (!sourceAttributes.isEmpty()) {
            MappingResult result = mappings.apply(sourceAttributes, context);
            if (!result.problems().isEmpty()) {
                // Entra escrows an object whose mapping cannot be evaluated (e.g. SelectUniqueValue exhausted)
                String problems = result.problems().stream().map(MappingProblem::toString)
                        .collect(Collectors.joining("; "));
                return new ProvisioningOutcome(user.sourceId(), List.of(), link, Status.FAILURE, Optional.empty(),
                        "mapping failed: " + problems);
            }
            mapped = result.target();
        }
        TargetShape.Shaped shaped = TargetShape.of(mapped, upn, managerTargetId);
        // an attribute left out for now (a manager not yet in the target) must not be cleared there meanwhile
        ReconcileOptions decisionOptions = shaped.unresolved().isEmpty() ? options
                : options.withAlwaysMappedAttributes(without(options.alwaysMappedAttributes(), shaped.unresolved()));
        String invitedEmail = invitedEmail(shaped.target(), sourceAttributes);

        List<Decision> decisions = new ArrayList<>();
        Link current = link;
        boolean wrote = false;
        Action attempted = null;
        try {
            TrustDecision trustDecision = trust.get();
            for (int step = 0; step < MAX_STEPS; step++) {
                boolean adopt = creationPending && current instanceof Link.Unlinked;
                TargetState targetState = find(current, invitedEmail, adopt ? null : matchable);
                if (adopt && objectId(targetState) != null && origin(targetState) == TargetState.Origin.EXTERNAL) {
                    current = new Link.Linked(objectId(targetState), false);
                }
                Decision decision = Reconciler.decide(user.state(), current, targetState, shaped.target(),
                        trustDecision, decisionOptions, clock.instant());
                decisions.add(decision);
                attempted = decision.action();
                current = apply(decision.action(), current, targetState, invitedEmail);
                wrote |= decision.action().writes();
                if (!(decision.action() instanceof Action.Restore)) {
                    break; // only a restore makes another decision due: the update of what changed meanwhile
                }
            }
        } catch (TargetDirectoryException e) {
            // a creation that made the user before a later write failed: keep the link, so the retry (or a
            // deprovisioning meanwhile) acts on that user rather than leaving it unmanaged
            Link kept = e.createdObjectId().<Link>map(Link::to).orElse(current);
            // a soft delete that got no answer (or a 5xx) may have been applied: if the user comes back before the
            // retry, the target user in the recycle bin is taken for sync's own deletion, and restored
            if (attempted instanceof Action.SoftDelete && e.kind() == TargetDirectoryException.Kind.UNAVAILABLE
                    && kept instanceof Link.Linked linked) {
                kept = new Link.Linked(linked.targetObjectId(), true);
            }
            return new ProvisioningOutcome(user.sourceId(), decisions, kept, Status.FAILURE, Optional.of(e),
                    e.getMessage());
        }
        return new ProvisioningOutcome(user.sourceId(), decisions, current, wrote ? Status.SUCCESS : Status.SKIPPED,
                Optional.empty(), null);
    }

    private TargetState find(Link link, String invitedEmail, Set<String> matchable) {
        if (link instanceof Link.Linked linked) {
            return target.get(linked.targetObjectId());
        }
        if (invitedEmail == null
                || matchable != null && !matchable.contains(invitedEmail.strip().toLowerCase(Locale.ROOT))) {
            return TargetState.absent();
        }
        return target.findExternalUser(invitedEmail).orElse(TargetState.absent());
    }

    /** Performs the action; returns the link to keep afterwards. */
    private Link apply(Action action, Link link, TargetState targetState, String invitedEmail) {
        String objectId = objectId(targetState);
        if (action instanceof Action.Create create) {
            if (invitedEmail == null) {
                throw new TargetDirectoryException(TargetDirectoryException.Kind.BAD_REQUEST, "NoInvitedAddress",
                        "the user has neither a mapped mail nor a userPrincipalName to invite", 0, null, null);
            }
            String userType = Optional.ofNullable(create.attributes().getString("userType")).orElse("Member");
            String created = target.createExternalUserId(invitedEmail, userType,
                    create.attributes().without("userType"));
            return new Link.Linked(created, false);
        }
        if (action instanceof Action.Update update) {
            target.update(objectId, update.changes());
        } else if (action instanceof Action.Disable) {
            target.disable(objectId);
        } else if (action instanceof Action.SoftDelete) {
            target.softDelete(objectId);
            return new Link.Linked(objectId, true);
        } else if (action instanceof Action.Restore) {
            target.restore(objectId);
        } else if (action instanceof Action.HardDelete) {
            target.hardDelete(objectId);
            return new Link.Unlinked();
        } else if (action instanceof Action.Skip skip) {
            return linkAfterSkip(skip, link, targetState);
        }
        return new Link.Linked(objectId, false);
    }

    /** A B2B user found by its address and already in sync is ours from now on: link it. */
    private static Link linkAfterSkip(Action.Skip skip, Link link, TargetState targetState) {
        if (link instanceof Link.Unlinked && skip.cause() == Action.SkipCause.ALREADY_IN_SYNC
                && targetState instanceof TargetState.Present present
                && present.origin() == TargetState.Origin.EXTERNAL) {
            return new Link.Linked(present.objectId(), false);
        }
        return link;
    }

    private static TargetState.Origin origin(TargetState state) {
        if (state instanceof TargetState.Present present) {
            return present.origin();
        }
        return state instanceof TargetState.SoftDeleted deleted ? deleted.origin() : null;
    }

    private static String objectId(TargetState state) {
        if (state instanceof TargetState.Present present) {
            return present.objectId();
        }
        return state instanceof TargetState.SoftDeleted deleted ? deleted.objectId() : null;
    }

    /** The address the B2B user is invited with and found by: the mapped mail, else the source's mail or UPN. */
    private static String invitedEmail(MappedTarget target, Attributes source) {
        for (String candidate : new String[] {target.forCreate().getString("mail"), source.getString("mail"),
                source.getString("userPrincipalName")}) {
            if (candidate != null && candidate.contains("@")) {
                return candidate;
            }
        }
        return null;
    }

    private static Attributes attributesOf(SourceState state) {
        if (state instanceof SourceState.Live live) {
            return live.attributes();
        }
        return state instanceof SourceState.SoftDeleted deleted ? deleted.attributes() : Attributes.empty();
    }

    private static Set<String> without(Set<String> names, Set<String> removed) {
        Set<String> result = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        result.addAll(names);
        result.removeAll(removed);
        return result;
    }
}
