package io.tenantsync.gateway.scimtarget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.job.SyncJobSettings;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.policy.CrossTenantTrust;
import io.tenantsync.core.provision.UserProvisioner;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.source.GraphSourceDirectory;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.QuarantineState;
import io.tenantsync.core.target.CrossTenantPolicyReader;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.ScimTargetDirectory;
import io.tenantsync.core.target.TenantGraphClientFactory;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.provisioning.TargetProvisioning;
import io.tenantsync.gateway.server.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import io.tenantsync.core.job.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sync job with a {@link ScimTargetDirectory}: contoso (source) → job → SCIM → gateway → Graph → fabrikam
 * (target), through the lifecycle the operators' guides validate, checked in the gateway's store and in fabrikam.
 */
class ScimTargetJobTest {
    private static final String STATE = "urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AdvancingClock GATEWAY_CLOCK = new AdvancingClock();
    private static EmulatedTenants tenants;
    private static GraphServiceClient contosoGraph;
    private static GraphSourceDirectory contoso;
    private static GraphTargetDirectory fabrikam;
    private static GatewayServer gateway;
    private static ScimTargetDirectory scim;
    private static JdbcSyncStore store;
    private static String secret;

    /** The job's clock, moved by hand past quarantine back-offs. */
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeAll
    static void start() throws Exception {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        contosoGraph = TenantGraphClientFactory.create(tenants.contoso(), GraphClientOptions.DEFAULTS);
        contoso = new GraphSourceDirectory(contosoGraph, tenants.contoso());
        fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        store = JdbcSyncStore.inMemory(Clock.systemUTC());
        secret = SecretHash.newSecret(new SecureRandom());
        var f = tenants.fabrikam();
        GatewayConfig config = GatewayConfig.parse("""
                connections:
                  - id: contoso-to-fabrikam
                    sourceTenantId: %s
                    target:
                      authorityHost: %s
                      graphBaseUrl: %s
                      tenantId: %s
                      clientId: %s
                      clientSecret: %s
                      caCertificate: %s
                    mappings:
                      extends: cts-defaults
                      mappings:
                        - target: companyName
                          constant: Contoso (Synced)
                    provisioningWait: PT20S
                    authentication:
                      bearerSecretHashes: ["%s"]
                """.formatted(EmulatedTenants.CONTOSO, f.authorityHost(), f.graphBaseUrl(), f.tenantId(), f.clientId(),
                f.clientSecret(), f.caCertificatePem(), SecretHash.of(secret, new SecureRandom())));
        gateway = GatewayServer.start(GatewayServer.Options.of(config, 0, Optional.empty())
                .withProvisioning(TargetProvisioning.factory(Optional.empty(), GATEWAY_CLOCK, Duration.ofMillis(500))));
        scim = ScimTargetDirectory.connect(gateway.baseUri(), secret, Optional.empty());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        store.close();
        tenants.close();
    }

    @Test
    void usersAreCreatedUpdatedAndDisabledInTheTargetThroughTheGateway() throws Exception {
        String group = createGroup("Lifecycle");
        String alice = createUser("alice", u -> u.setDepartment("Sales"));
        addMember(group, alice);
        SyncJob job = job(settings(group));

        CycleSummary first = job.runCycle();
        assertThat(first.completed()).as(first.error()).isTrue();
        assertThat(first.created()).isEqualTo(1);
        JsonNode scimUser = synced(link(job, alice).targetId());
        String objectId = scimUser.path(STATE).path("targetObjectId").asText();
        TargetState.Present target = (TargetState.Present) fabrikam.get(objectId);
        assertThat(target.attributes().getString("userPrincipalName"))
                .isEqualTo(upn(alice).replace("@", "_") + "#EXT#@fabrikam.onmicrosoft.com");
        assertThat(target.attributes().get("department")).isEqualTo("Sales");
        assertThat(target.attributes().get("companyName")).isEqualTo("Contoso (Synced)");
        assertThat(target.userType()).isEqualTo("Member");

        CycleSummary idle = job.runCycle();
        assertThat(idle.created() + idle.updated() + idle.disabled() + idle.deleted()).as("nothing changed").isZero();

        patchUser(alice, u -> u.setDepartment("Marketing"));
        CycleSummary changed = job.runCycle();
        assertThat(changed.updated()).isEqualTo(1);
        awaitTarget(objectId, user -> "Marketing".equals(user.attributes().get("department")));

        patchUser(alice, u -> u.setAccountEnabled(false));
        CycleSummary disabled = job.runCycle();
        assertThat(disabled.disabled()).isEqualTo(1);
        assertThat(scimResource(link(job, alice).targetId()).path("active").asBoolean()).isFalse();
        awaitTarget(objectId, user -> !user.accountEnabled());
    }

    @Test
    void aUserWhoLeavesIsDeletedAtTheGatewayAndComesBackAsTheSameTargetObject() throws Exception {
        String group = createGroup("Leave");
        String dave = createUser("dave", u -> u.setDepartment("Ops"));
        addMember(group, dave);
        SyncJob job = job(settings(group));
        job.runCycle();
        String firstScimId = link(job, dave).targetId();
        String objectId = synced(firstScimId).path(STATE).path("targetObjectId").asText();

        removeMember(group, dave);
        CycleSummary removed = job.runCycle();
        assertThat(removed.deleted()).isEqualTo(1);
        assertThat(scim.get(firstScimId)).isInstanceOf(TargetState.Absent.class);
        Instant deadline = Instant.now().plusSeconds(60);
        while (!(fabrikam.get(objectId) instanceof TargetState.SoftDeleted) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);

        addMember(group, dave);
        CycleSummary back = job.runCycle();
        assertThat(back.created()).as("a SCIM endpoint has no recycle bin: the user is POSTed again").isEqualTo(1);
        String secondScimId = link(job, dave).targetId();
        assertThat(secondScimId).isNotEqualTo(firstScimId);
        assertThat(synced(secondScimId).path(STATE).path("targetObjectId").asText())
                .as("the gateway restored the same fabrikam user").isEqualTo(objectId);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Present.class);
    }

    @Test
    void theGatewaysConsentRefusalQuarantinesTheJobWithNothingWrittenAndALaterCycleCatchesUp() {
        String group = createGroup("Refused");
        String liam = createUser("liam", u -> { });
        addMember(group, liam);
        SyncJobSettings settings = settings(group);
        tenants.setInboundSync(false);
        try {
            GATEWAY_CLOCK.advance(Duration.ofSeconds(16)); // past the gateway's cached trust decision
            SyncJob job = job(settings);
            CycleSummary refused = job.runCycle();

            assertThat(refused.completed()).isFalse();
            assertThat(refused.error()).contains("credentials refused").contains("inbound synchronization");
            assertThat(job.state().quarantine().state()).isEqualTo(QuarantineState.QUARANTINED);
            assertThat(store.links().count(settings.connection(), ObjectType.USER)).isZero();
            assertThat(scim.findExternalUser(upn(liam))).as("the gateway stored nothing").isEmpty();
        } finally {
            tenants.setInboundSync(true);
            GATEWAY_CLOCK.advance(Duration.ofSeconds(16));
        }
        clock.advance(Duration.ofHours(6).plusMinutes(1));
        SyncJob fixed = job(settings);
        CycleSummary recovered = fixed.runCycle();

        assertThat(recovered.created()).isEqualTo(1);
        assertThat(fixed.state().quarantine().quarantined()).isFalse();
        assertThat(scim.findExternalUser(upn(liam))).isPresent();
    }

    // ------------------------------------------------------------------------------------------------ fixture

    private static SyncJobSettings settings(String assignedGroup) {
        return SyncJobSettings.of(ConnectionId.of("contoso-to-scim-" + UUID.randomUUID()),
                AssignmentScope.assigned(Set.of(), Set.of(assignedGroup)));
    }

    private SyncJob job(SyncJobSettings settings) {
        CrossTenantPolicyReader sourcePolicies = CrossTenantPolicyReader.forConnection(tenants.contoso(),
                GraphClientOptions.DEFAULTS);
        UserProvisioner provisioner = new UserProvisioner(scim, ScimTargetDirectory.mappingsFor(MappingSet.ctsDefaults()),
                ReconcileOptions.defaults(), new ExternalUpnFormat("fabrikam.onmicrosoft.com"),
                () -> CrossTenantTrust.evaluate(sourcePolicies.outboundSettingsFor(EmulatedTenants.FABRIKAM.toString()),
                        scim.inboundSettingsFor(EmulatedTenants.CONTOSO.toString())),
                sourceId -> store.links().bySource(settings.connection(), ObjectType.USER, sourceId)
                        .map(ObjectLink::targetId),
                EvaluationContext.system(), clock);
        return new SyncJob(settings, contoso, provisioner, store, clock);
    }

    private static ObjectLink link(SyncJob job, String sourceId) {
        return store.links().bySource(job.settings().connection(), ObjectType.USER, sourceId).orElseThrow();
    }

    /** The gateway's SCIM user once its target state is synced. */
    private static JsonNode synced(String scimId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonNode user = scimResource(scimId);
            if ("synced".equals(user.path(STATE).path("state").asText()) || Instant.now().isAfter(deadline)) {
                assertThat(user.path(STATE).path("state").asText()).as(user.toString()).isEqualTo("synced");
                return user;
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode scimResource(String scimId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.baseUri() + "/Users/" + scimId)).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void awaitTarget(String objectId, java.util.function.Predicate<TargetState.Present> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.test((TargetState.Present) fabrikam.get(objectId)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(condition.test((TargetState.Present) fabrikam.get(objectId))).as(fabrikam.get(objectId).toString())
                .isTrue();
    }

    private static String upn(String sourceId) {
        return contosoGraph.users().byUserId(sourceId).get().getUserPrincipalName();
    }

    private static String createUser(String alias, Consumer<User> extra) {
        String unique = alias + UUID.randomUUID().toString().substring(0, 6);
        User user = new User();
        user.setAccountEnabled(true);
        user.setDisplayName("User " + unique);
        user.setGivenName(alias);
        user.setSurname("Tester");
        user.setMailNickname(unique);
        user.setUserPrincipalName(unique + "@contoso.com");
        PasswordProfile password = new PasswordProfile();
        password.setPassword("Passw0rd!" + UUID.randomUUID());
        password.setForceChangePasswordNextSignIn(false);
        user.setPasswordProfile(password);
        extra.accept(user);
        return contosoGraph.users().post(user).getId();
    }

    private static void patchUser(String id, Consumer<User> change) {
        User patch = new User();
        change.accept(patch);
        contosoGraph.users().byUserId(id).patch(patch);
    }

    private static String createGroup(String name) {
        Group group = new Group();
        group.setDisplayName(name);
        group.setMailEnabled(false);
        group.setMailNickname(name.toLowerCase() + UUID.randomUUID().toString().substring(0, 8));
        group.setSecurityEnabled(true);
        group.setGroupTypes(List.of());
        return contosoGraph.groups().post(group).getId();
    }

    private static void addMember(String groupId, String memberId) {
        ReferenceCreate reference = new ReferenceCreate();
        reference.setOdataId(tenants.contoso().graphBaseUrl() + "/directoryObjects/" + memberId);
        contosoGraph.groups().byGroupId(groupId).members().ref().post(reference);
    }

    private static void removeMember(String groupId, String memberId) {
        contosoGraph.groups().byGroupId(groupId).members().byDirectoryObjectId(memberId).ref().delete();
    }


    /** The system clock plus an offset the tests can move forward. */
    private static final class AdvancingClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
