package io.tenantsync.gateway.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.core.mapping.MappingConfigReader;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.AutomaticUserConsentSettings;
import io.tenantsync.core.policy.CrossTenantTrust;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.core.policy.SourceOutboundSettings;
import io.tenantsync.core.policy.TargetInboundSettings;
import io.tenantsync.core.policy.TrustCache;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.provision.ProvisioningOutcome;
import io.tenantsync.core.provision.SourceUser;
import io.tenantsync.core.provision.UserProvisioner;
import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.Link;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.reconcile.SourceState;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.LinkState;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.SyncStore;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphConnection;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.TargetDirectoryException;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.Deprovisioning;
import io.tenantsync.gateway.store.ChangeOperation;
import io.tenantsync.gateway.store.ChangeRef;
import io.tenantsync.gateway.store.Member;
import io.tenantsync.gateway.store.Outbox;
import io.tenantsync.gateway.store.ResourceType;
import io.tenantsync.gateway.store.StoredResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions one connection's SCIM resources into its target tenant: users through sync-core's
 * {@link UserProvisioner} (mapping, trust, reconcile) and Graph, groups as security groups whose members follow the
 * users' links. Links live in the sync store under the user's userName, so a user deleted and created again by the
 * SCIM client finds the target object it had and restores it instead of creating a second one.
 */
final class ConnectionProvisioning {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionProvisioning.class);
    /** How long a trust decision is reused: policy reads are one Graph call per connection, not one per write. */
    private static final Duration TRUST_TTL = Duration.ofSeconds(15);

    private final Connection connection;
    private final ConnectionId id;
    private final GraphTargetDirectory target;
    private final MappingSet mappings;
    private final ReconcileOptions options;
    private final SyncStore store;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final TrustCache trust;
    private volatile UserProvisioner users;

    ConnectionProvisioning(Connection connection, SyncStore store, Outbox outbox, ObjectMapper json, Clock clock) {
        this.connection = connection;
        this.id = ConnectionId.of(connection.id());
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        var tenant = connection.target();
        MicrosoftCloud cloud = cloud(tenant.cloud());
        this.target = GraphTargetDirectory.forConnection(new GraphConnection(URI.create(tenant.authorityHost()),
                URI.create(tenant.graphBaseUrl()), tenant.tenantId(), tenant.clientId(), tenant.clientSecret(),
                tenant.caCertificate().orElse(null), cloud), GraphClientOptions.DEFAULTS);
        this.mappings = mappings(connection.mappings());
        this.trust = new TrustCache(this::readTrust, TRUST_TTL, clock);
        this.options = connection.deprovisioning().onDelete() == Deprovisioning.DeleteAction.DISABLE
                ? ReconcileOptions.defaults().withScopeExitAction(ReconcileOptions.ScopeExitAction.DISABLE)
                : ReconcileOptions.defaults();
    }

    /** The connection's mappings: the CTS defaults, or its {@code mappings} block read as mapping configuration. */
    private static MappingSet mappings(JsonNode block) {
        if (block == null || block.isNull() || block.isMissingNode()) {
            return MappingSet.ctsDefaults();
        }
        return MappingConfigReader.read(block.toString());
    }

    private static MicrosoftCloud cloud(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "usgov" -> MicrosoftCloud.US_GOV;
            case "china" -> MicrosoftCloud.CHINA;
            default -> MicrosoftCloud.GLOBAL;
        };
    }

    /**
     * The trust between the connection's source and target, re-read at most every few seconds. The target's
     * settings come from its Graph; the source tenant's outbound settings are not readable with the target's
     * credentials, so the source's consent is taken as given (the SCIM client is the source's own provisioner).
     */
    TrustDecision trust() {
        return trust.get();
    }

    private TrustDecision readTrust() {
        TargetInboundSettings inbound = target.inboundSettingsFor(connection.sourceTenantId());
        SourceOutboundSettings outbound = new SourceOutboundSettings(connection.sourceTenantId(), inbound.cloud(),
                Set.of(), AutomaticUserConsentSettings.INHERITED, new AutomaticUserConsentSettings(null, true), false);
        return CrossTenantTrust.evaluate(outbound, inbound);
    }

    /** Applies one claimed change; settles it in the outbox. */
    void apply(ChangeRef change) {
        try {
            if (change.type() == ResourceType.USER) {
                applyUser(change);
            } else {
                applyGroup(change);
            }
        } catch (TargetDirectoryException e) {
            LOG.info("connection {}: {} {} not applied yet ({}): {}", connection.id(), change.type(), change.resourceId(),
                    e.kind(), e.getMessage());
            outbox.markFailed(change, e.kind() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("connection {}: {} {} failed", connection.id(), change.type(), change.resourceId(), e);
            outbox.markFailed(change, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void applyUser(ChangeRef change) {
        Optional<StoredResource> resource = outbox.resource(change);
        JsonNode body = resource.map(this::parse).orElse(null);
        Optional<ObjectLink> existing = body != null
                ? store.links().bySource(id, ObjectType.USER, ScimUserAttributes.linkKey(body))
                : outbox.targetState(change.connectionId(), change.resourceId())
                        .flatMap(state -> state.targetObjectId())
                        .flatMap(targetId -> store.links().byTarget(id, ObjectType.USER, targetId));
        // deleted while a creation that got no answer may have made the user: found by the address it was invited at
        Optional<JsonNode> unconfirmed = body == null && existing.isEmpty()
                ? outbox.unconfirmedCreation(change.connectionId(), change.resourceId()).map(this::parse)
                : Optional.empty();
        if (body == null && existing.isEmpty() && unconfirmed.isEmpty()) {
            outbox.markApplied(change, Optional.empty()); // deleted before it ever reached the target
            return;
        }
        String key = body != null ? ScimUserAttributes.linkKey(body)
                : existing.map(ObjectLink::sourceId).orElseGet(() -> ScimUserAttributes.linkKey(unconfirmed.get()));
        SourceState state = sourceState(change, body, unconfirmed);
        Link link = existing.map(ObjectLink::toReconcileLink).orElse(new Link.Unlinked());
        ProvisioningOutcome outcome = users().provision(new SourceUser(key, state), link, null, unconfirmed.isPresent());
        remember(key, existing, outcome);
        if (outcome.status() == ProvisioningOutcome.Status.FAILURE) {
            // a failed creation may have made the user (its invitation committed): recorded now, a SCIM delete that
            // comes before the retry still finds the user to deprovision
            outcome.targetObjectId().ifPresentOrElse(
                    objectId -> outbox.setTargetObjectId(change.connectionId(), change.resourceId(), objectId),
                    () -> {
                        if (body != null && attemptedCreation(outcome) && outcome.failure()
                                .filter(e -> e.kind() == TargetDirectoryException.Kind.UNAVAILABLE).isPresent()) {
                            outbox.rememberUnconfirmedCreation(change.connectionId(), change.resourceId(), body.toString());
                        }
                    });
        }
        settle(change, outcome);
    }

    private static boolean attemptedCreation(ProvisioningOutcome outcome) {
        return outcome.lastDecision().filter(decision -> decision.action() instanceof Action.Create).isPresent();
    }

    /** @param unconfirmed the resource as it was when its creation got no answer, for a resource deleted since */
    private SourceState sourceState(ChangeRef change, JsonNode body, Optional<JsonNode> unconfirmed) {
        if (change.operation() == ChangeOperation.DELETE || body == null) {
            // the attributes name the address a user made by an unconfirmed creation is found at
            Attributes last = unconfirmed.map(json -> ScimUserAttributes.of(json, change.resourceId(), this::managerKey))
                    .orElse(Attributes.empty());
            if (connection.deprovisioning().onDelete() == Deprovisioning.DeleteAction.DISABLE) {
                return new SourceState.Live(last, false, SourceState.Scope.in("deleted by the SCIM client"));
            }
            return new SourceState.SoftDeleted(last);
        }
        Attributes attributes = ScimUserAttributes.of(body, change.resourceId(), this::managerKey);
        return new SourceState.Live(attributes, ScimUserAttributes.active(body),
                SourceState.Scope.in("pushed by the SCIM client"));
    }

    /** The link key of the user a SCIM manager reference names. */
    private Optional<String> managerKey(String scimId) {
        return outbox.resource(connection.id(), ResourceType.USER, scimId).map(r -> ScimUserAttributes.linkKey(parse(r)));
    }

    private void remember(String key, Optional<ObjectLink> before, ProvisioningOutcome outcome) {
        Instant now = clock.instant();
        if (outcome.link() instanceof Link.Linked linked) {
            LinkState state = linked.softDeletedBySync() ? LinkState.SOFT_DELETED_BY_SYNC : LinkState.ACTIVE;
            ObjectLink link = before.filter(l -> l.targetId().equals(linked.targetObjectId()))
                    .map(l -> l.withState(state, now))
                    .orElseGet(() -> ObjectLink.active(id, ObjectType.USER, key, linked.targetObjectId(), null, now)
                            .withState(state, now));
            store.links().put(link);
        } else if (before.isPresent()) {
            store.links().remove(id, ObjectType.USER, key);
        }
    }

    private void settle(ChangeRef change, ProvisioningOutcome outcome) {
        String reason = outcome.lastDecision().map(d -> d.reason()).orElse(outcome.error());
        switch (outcome.status()) {
            case SUCCESS, SKIPPED -> {
                if (outcome.lastDecision().map(d -> d.action()).filter(a -> a instanceof Action.Skip skip
                        && skip.cause() == Action.SkipCause.TRUST_REFUSED).isPresent()) {
                    outbox.markRefused(change, reason);
                } else {
                    LOG.debug("connection {}: user {}: {}", connection.id(), change.resourceId(), reason);
                    outbox.markApplied(change, outcome.targetObjectId());
                }
            }
            case FAILURE -> {
                if (outcome.failure().isEmpty()) {
                    outbox.markRefused(change, reason); // a mapping that cannot be evaluated does not heal by retrying
                } else {
                    throw outcome.failure().get();
                }
            }
        }
    }

    /** Groups become security groups; their members are the target users the member users are linked to. */
    private void applyGroup(ChangeRef change) {
        String key = "group:" + change.resourceId();
        Optional<ObjectLink> existing = store.links().bySource(id, ObjectType.GROUP, key);
        Optional<StoredResource> resource = outbox.resource(change);
        TrustDecision decision = trust();
        if (decision instanceof TrustDecision.Refused refused) {
            outbox.markRefused(change, refused.errorCode() + ": " + refused.errorText());
            return;
        }
        if (resource.isEmpty() || change.operation() == ChangeOperation.DELETE) {
            if (existing.isPresent()) {
                try {
                    target.deleteGroup(existing.get().targetId());
                } catch (TargetDirectoryException e) {
                    if (e.kind() != TargetDirectoryException.Kind.NOT_FOUND) {
                        throw e;
                    }
                }
                store.links().remove(id, ObjectType.GROUP, key);
            }
            outbox.markApplied(change, Optional.empty());
            return;
        }
        JsonNode body = parse(resource.get());
        String displayName = body.path("displayName").asText();
        String groupId;
        if (existing.isPresent()) {
            groupId = existing.get().targetId();
            target.updateGroup(groupId, displayName, null);
        } else {
            groupId = target.createSecurityGroup(displayName, null);
            store.links().put(ObjectLink.active(id, ObjectType.GROUP, key, groupId, null, clock.instant()));
        }
        Set<String> wanted = new HashSet<>();
        for (Member member : outbox.members(connection.id(), change.resourceId())) {
            outbox.resource(connection.id(), ResourceType.USER, member.value())
                    .flatMap(user -> store.links().bySource(id, ObjectType.USER, ScimUserAttributes.linkKey(parse(user))))
                    .filter(link -> link.state() == LinkState.ACTIVE)
                    .ifPresent(link -> wanted.add(link.targetId()));
        }
        List<String> actual = target.memberIds(groupId);
        for (String memberId : wanted) {
            if (!actual.contains(memberId)) {
                target.addMember(groupId, memberId);
            }
        }
        for (String memberId : actual) {
            if (!wanted.contains(memberId)) {
                target.removeMember(groupId, memberId);
            }
        }
        outbox.markApplied(change, Optional.of(groupId));
    }

    private UserProvisioner users() {
        UserProvisioner provisioner = users;
        if (provisioner == null) {
            // reading the target's initial domain is a Graph call: done on first use, not at start-up
            provisioner = new UserProvisioner(target, mappings, options, target.externalUpnFormat(), this::trust,
                    this::managerTarget, EvaluationContext.system(), clock);
            users = provisioner;
        }
        return provisioner;
    }

    private Optional<String> managerTarget(String managerKey) {
        return store.links().bySource(id, ObjectType.USER, managerKey)
                .filter(link -> link.state() == LinkState.ACTIVE)
                .map(ObjectLink::targetId);
    }

    private JsonNode parse(StoredResource resource) {
        return parse(resource.body());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Connection connection() {
        return connection;
    }
}
