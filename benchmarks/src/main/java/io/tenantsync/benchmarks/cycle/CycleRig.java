package io.tenantsync.benchmarks.cycle;

import com.microsoft.graph.models.CrossTenantAccessPolicyConfigurationPartner;
import com.microsoft.graph.models.CrossTenantIdentitySyncPolicyPartner;
import com.microsoft.graph.models.CrossTenantUserSyncInbound;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.InboundOutboundPolicyConfiguration;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.job.SyncJobSettings;
import io.tenantsync.core.job.SyncSchedule;
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
import io.tenantsync.core.target.CrossTenantPolicyReader;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphConnection;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.TenantGraphClientFactory;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.RequestJournal;
import io.tenantsync.emulator.server.EmulatorServer;
import io.tenantsync.emulator.throttle.ThrottleSettings;
import io.tenantsync.emulator.throttle.Throttling;
import io.tenantsync.emulator.tls.LoopbackCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The full loop of the cycle benchmarks, all in this JVM on loopback HTTPS: an emulator with contoso (source) and
 * fabrikam (target) whose cross-tenant access policies allow sync and auto-redemption, and a sync job wired as the
 * demo wires it (delta source, Graph target, CTS default mappings, the trust read from both tenants' policies, a
 * durable store in a temporary directory).
 */
final class CycleRig implements AutoCloseable {
    static final UUID CONTOSO = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID FABRIKAM = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final String SECRET = "cycle-bench-secret-0123456789";
    private static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE");

    final EmulatorServer server;
    final EmulatorConfig config;
    final GraphConnection source;
    final GraphConnection target;
    final GraphServiceClient sourceGraph;
    private final Path dir;
    private JdbcSyncStore store;

    CycleRig() throws Exception {
        dir = Files.createTempDirectory("cycle-bench");
        config = new EmulatorConfig(List.of(
                new TenantConfig("contoso", CONTOSO, Cloud.GLOBAL, null, List.of("contoso.com"),
                        List.of(new AppRegistration("contoso-sync", SECRET, "Contoso Sync", Set.copyOf(AppRegistration.ALL_ROLES)))),
                new TenantConfig("fabrikam", FABRIKAM, Cloud.GLOBAL, null, List.of("fabrikam.com"),
                        List.of(new AppRegistration("fabrikam-sync", SECRET, "Fabrikam Sync", Set.copyOf(AppRegistration.ALL_ROLES))))),
                EmulatorConfig.randomSecret());
        server = EmulatorServer.start(new EmulatorServer.Options(config, 0, Optional.empty(), dir.resolve("ca.pem"), Optional.empty()));
        source = connection(CONTOSO, "contoso-sync");
        target = connection(FABRIKAM, "fabrikam-sync");
        sourceGraph = TenantGraphClientFactory.create(source, GraphClientOptions.DEFAULTS);
        allowSync();
    }

    private GraphConnection connection(UUID tenant, String clientId) {
        return new GraphConnection(server.baseUri(), URI.create(server.baseUri() + "/v1.0"), tenant.toString(), clientId,
                SECRET, server.caCertificate(), MicrosoftCloud.GLOBAL);
    }

    /** Both halves of the CTS opt-in, as the operators' walkthrough sets them. */
    private void allowSync() {
        GraphServiceClient fabrikam = TenantGraphClientFactory.create(target, GraphClientOptions.DEFAULTS);
        var inbound = fabrikam.policies().crossTenantAccessPolicy().partners();
        inbound.post(partner(CONTOSO));
        var fromContoso = inbound.byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString());
        var sync = new CrossTenantIdentitySyncPolicyPartner();
        sync.setDisplayName("Contoso");
        var userSync = new CrossTenantUserSyncInbound();
        userSync.setIsSyncAllowed(true);
        sync.setUserSyncInbound(userSync);
        fromContoso.identitySynchronization().put(sync);
        fromContoso.patch(consent(true, null));
        var outbound = sourceGraph.policies().crossTenantAccessPolicy().partners();
        outbound.post(partner(FABRIKAM));
        outbound.byCrossTenantAccessPolicyConfigurationPartnerTenantId(FABRIKAM.toString()).patch(consent(null, true));
    }

    private static CrossTenantAccessPolicyConfigurationPartner partner(UUID tenantId) {
        var partner = new CrossTenantAccessPolicyConfigurationPartner();
        partner.setTenantId(tenantId.toString());
        return partner;
    }

    private static CrossTenantAccessPolicyConfigurationPartner consent(Boolean inbound, Boolean outbound) {
        var settings = new InboundOutboundPolicyConfiguration();
        if (inbound != null) {
            settings.setInboundAllowed(inbound);
        }
        if (outbound != null) {
            settings.setOutboundAllowed(outbound);
        }
        var partner = new CrossTenantAccessPolicyConfigurationPartner();
        partner.setAutomaticUserConsentSettings(settings);
        return partner;
    }

    /** Seeds {@code count} member users into contoso directly in its store (fast); returns their ids. */
    List<String> seedSourceUsers(int count, String prefix) {
        List<String> ids = server.components().seeder().seedUsers(config.tenant("contoso").orElseThrow(), prefix, 0, count);
        return ids;
    }

    /** A security group in contoso, created through Graph. */
    String createGroup(String name) {
        Group group = new Group();
        group.setDisplayName(name);
        group.setMailEnabled(false);
        group.setMailNickname(name.toLowerCase().replaceAll("[^a-z0-9]", "") + UUID.randomUUID().toString().substring(0, 8));
        group.setSecurityEnabled(true);
        group.setGroupTypes(List.of());
        return sourceGraph.groups().post(group).getId();
    }

    /**
     * Adds members to a contoso group through Graph: {@code PATCH /groups/{id}} with {@code members@odata.bind},
     * 20 members per request (Graph's limit).
     */
    void addMembers(String groupId, List<String> memberIds) {
        for (int i = 0; i < memberIds.size(); i += 20) {
            Group patch = new Group();
            patch.getAdditionalData().put("members@odata.bind", memberIds.subList(i, Math.min(memberIds.size(), i + 20))
                    .stream().map(id -> source.graphBaseUrl() + "/directoryObjects/" + id).toList());
            sourceGraph.groups().byGroupId(groupId).patch(patch);
        }
    }

    /** Switches the emulator's throttling profile through {@code PUT /_emulator/throttle}. */
    void throttle(ThrottleSettings.Profile profile) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(LoopbackCertificates.clientContextFor(server.caCertificate())).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/_emulator/throttle"))
                .header("Authorization", "Bearer " + config.controlToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"profile\":\"" + profile.wire() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT /_emulator/throttle: " + response.statusCode() + " " + response.body());
        }
    }

    /** A job over {@code scope} with {@code parallelism} workers, on a fresh durable store. */
    SyncJob job(AssignmentScope scope, int parallelism, GraphClientOptions targetOptions) {
        return job(scope, parallelism, targetOptions, SyncSchedule.entraDefault());
    }

    /** A job over {@code scope} with {@code parallelism} workers and a schedule, on a fresh durable store. */
    SyncJob job(AssignmentScope scope, int parallelism, GraphClientOptions targetOptions, SyncSchedule schedule) {
        if (store != null) {
            store.close();
        }
        Clock clock = Clock.systemUTC();
        store = JdbcSyncStore.inDirectory(dir.resolve("store-" + UUID.randomUUID()), clock);
        ConnectionId connection = ConnectionId.of("contoso-to-fabrikam-bench");
        GraphTargetDirectory targetDirectory = GraphTargetDirectory.forConnection(target, targetOptions);
        CrossTenantPolicyReader sourcePolicies = CrossTenantPolicyReader.forConnection(source, GraphClientOptions.DEFAULTS);
        CrossTenantPolicyReader targetPolicies = CrossTenantPolicyReader.forConnection(target, GraphClientOptions.DEFAULTS);
        TrustCache trust = new TrustCache(() -> CrossTenantTrust.evaluate(
                sourcePolicies.outboundSettingsFor(target.tenantId()), targetPolicies.inboundSettingsFor(source.tenantId())),
                Duration.ofSeconds(15), clock);
        JdbcSyncStore links = store;
        UserProvisioner provisioner = new UserProvisioner(targetDirectory, MappingSet.ctsDefaults(),
                ReconcileOptions.defaults(), targetDirectory.externalUpnFormat(), trust,
                managerId -> links.links().bySource(connection, ObjectType.USER, managerId)
                        .filter(link -> link.state() == LinkState.ACTIVE).map(ObjectLink::targetId),
                EvaluationContext.system(), clock);
        SyncJobSettings settings = SyncJobSettings.of(connection, scope).withParallelism(parallelism)
                .withSchedule(schedule);
        return new SyncJob(settings, GraphSourceDirectory.forConnection(source, GraphClientOptions.DEFAULTS),
                provisioner, store, clock);
    }

    JdbcSyncStore store() {
        return store;
    }

    /** The last journal sequence number. */
    long journalMark() {
        List<RequestJournal.Entry> all = server.components().journal().since(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    /**
     * Graph writes (POST, PATCH, PUT, DELETE under /v1.0) to a tenant since a mark that succeeded: sent alone or inside a
     * {@code $batch} (journaled as {@code $batch>/v1.0/…}); the batch envelope itself is no write.
     */
    long graphWritesSince(long mark, UUID tenant) {
        return server.components().journal().since(mark).stream()
                .filter(e -> {
                    String path = e.path().startsWith("$batch>") ? e.path().substring("$batch>".length()) : e.path();
                    return WRITES.contains(e.method()) && path.startsWith("/v1.0") && !path.equals("/v1.0/$batch")
                            && tenant.toString().equals(e.tenantId()) && e.status() / 100 == 2;
                })
                .count();
    }

    /** Requests to a tenant since a mark answered {@code status}. */
    long answeredSince(long mark, UUID tenant, int status) {
        return server.components().journal().since(mark).stream()
                .filter(e -> e.status() == status && tenant.toString().equals(e.tenantId())).count();
    }

    static int writeQuotaPerWindow() {
        return Throttling.APP_TENANT_WRITES;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
        server.close();
    }

    static void log(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
