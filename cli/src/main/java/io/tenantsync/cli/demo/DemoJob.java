package io.tenantsync.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.job.SyncJobSettings;
import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.policy.CrossTenantTrust;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.core.policy.TrustCache;
import io.tenantsync.core.provision.UserProvisioner;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.source.GraphSourceDirectory;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.LinkState;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.SyncStore;
import io.tenantsync.core.target.CrossTenantPolicyReader;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphConnection;
import io.tenantsync.core.target.ScimTargetDirectory;
import io.tenantsync.core.target.ScimTargetDirectoryOptions;
import io.tenantsync.emulator.config.TenantConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's cross-tenant sync job: contoso's users in the assigned group "Sync to Fabrikam" become B2B members of
 * fabrikam. The job reads contoso with delta queries, maps each user with the CTS defaults (those a SCIM User can
 * hold) and pushes it over SCIM to the demo's gateway ({@link ScimTargetDirectory}), which provisions it into
 * fabrikam through Graph with its connection's mappings (the CTS defaults plus the tenant-of-origin
 * {@code companyName}): source tenant → sync job → SCIM → gateway → Graph → target tenant.
 *
 * <p>The job's links pair each contoso user with its SCIM id at the gateway; the gateway's own links pair that SCIM
 * user with the fabrikam user. Trust is decided on both sides: the job reads contoso's outbound settings, and the
 * gateway refuses a push (403, nothing stored) while fabrikam does not allow inbound sync from contoso.
 */
public final class DemoJob implements AutoCloseable {
    public static final String GROUP = "Sync to Fabrikam";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncJob job;
    private final SyncStore store;

    private DemoJob(SyncJob job, SyncStore store) {
        this.job = job;
        this.store = store;
    }

    public SyncJob job() {
        return job;
    }

    /**
     * Finds (or, when {@code seed}, creates with every source user as a member) the assigned group, then builds the job.
     *
     * @return empty when the source has no assigned group and seeding is off: there is nothing to sync
     */
    public static Optional<DemoJob> create(URI emulator, Path caPem, TenantGraphClient sourceAdmin, TenantConfig source,
                                           TenantConfig target, URI scimBaseUrl, String scimSecret,
                                           Optional<Path> dataDir, boolean seed) {
        Optional<String> groupId = assignedGroup(sourceAdmin, seed);
        if (groupId.isEmpty()) {
            return Optional.empty();
        }
        GraphConnection from = connection(emulator, caPem, source);
        Clock clock = Clock.systemUTC();
        SyncStore store = dataDir.map(dir -> (SyncStore) JdbcSyncStore.inDirectory(dir, clock))
                .orElseGet(() -> JdbcSyncStore.inMemory(clock));
        ConnectionId connection = ConnectionId.of("contoso-to-fabrikam-job");
        String targetTenantId = target.tenantId().toString();
        ScimTargetDirectory gateway = new ScimTargetDirectory(ScimTargetDirectoryOptions.of(scimBaseUrl, scimSecret)
                .withTargetTenant(targetTenantId, MicrosoftCloud.GLOBAL));
        CrossTenantPolicyReader sourcePolicies = CrossTenantPolicyReader.forConnection(from, GraphClientOptions.DEFAULTS);
        TrustCache trust = new TrustCache(() -> CrossTenantTrust.evaluate(
                sourcePolicies.outboundSettingsFor(targetTenantId), gateway.inboundSettingsFor(from.tenantId())),
                Duration.ofSeconds(15), clock);
        // the UPN is not the job's to write: the gateway derives fabrikam's #EXT# UPN from the SCIM userName
        UserProvisioner provisioner = new UserProvisioner(gateway, ScimTargetDirectory.mappingsFor(MappingSet.ctsDefaults()),
                ReconcileOptions.defaults(), new ExternalUpnFormat(target.initialDomain()), trust,
                managerId -> store.links().bySource(connection, ObjectType.USER, managerId)
                        .filter(link -> link.state() == LinkState.ACTIVE).map(ObjectLink::targetId),
                EvaluationContext.system(), clock);
        SyncJobSettings settings = SyncJobSettings.of(connection, AssignmentScope.assigned(Set.of(), Set.of(groupId.get())));
        SyncJob job = new SyncJob(settings, GraphSourceDirectory.forConnection(from, GraphClientOptions.DEFAULTS),
                provisioner, store, clock);
        return Optional.of(new DemoJob(job, store));
    }

    private static GraphConnection connection(URI emulator, Path caPem, TenantConfig tenant) {
        var app = DemoTenants.admin(tenant);
        return new GraphConnection(emulator, URI.create(emulator + "/v1.0"), tenant.tenantId().toString(),
                app.clientId(), app.clientSecret(), caPem, MicrosoftCloud.GLOBAL);
    }

    /** The id of the assigned group; when seeding, creates it with every user of the source as a direct member. */
    private static Optional<String> assignedGroup(TenantGraphClient source, boolean seed) {
        JsonNode found = source.call("GET", "/groups?$filter=displayName%20eq%20'" + GROUP.replace(" ", "%20") + "'&$select=id",
                null, 200).body().path("value");
        if (found.size() > 0) {
            return Optional.of(found.get(0).path("id").asText());
        }
        if (!seed) {
            return Optional.empty();
        }
        ObjectNode group = JSON.createObjectNode().put("displayName", GROUP).put("mailEnabled", false)
                .put("mailNickname", "sync-to-fabrikam").put("securityEnabled", true);
        group.putArray("groupTypes");
        String groupId = source.call("POST", "/groups", group, 201).body().path("id").asText();
        JsonNode users = source.call("GET", "/users?$select=id&$top=999", null, 200).body().path("value");
        for (JsonNode user : users) {
            ObjectNode ref = JSON.createObjectNode().put("@odata.id",
                    "https://graph.microsoft.com/v1.0/directoryObjects/" + user.path("id").asText());
            source.call("POST", "/groups/" + groupId + "/members/$ref", ref, 204);
        }
        return Optional.of(groupId);
    }

    @Override
    public void close() {
        store.close();
    }
}
