package io.tenantsync.gateway.scimtarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.ScimTargetDirectory;
import io.tenantsync.core.target.ScimTargetDirectoryOptions;
import io.tenantsync.core.target.TargetDirectoryException;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import io.tenantsync.gateway.GatewayFixture;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.provisioning.TargetProvisioning;
import io.tenantsync.gateway.server.GatewayServer;
import io.tenantsync.gateway.server.GatewayTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScimTargetDirectory} against the running gateway, which provisions into the emulated fabrikam through Graph:
 * every operation of the port over real SCIM, checked in the gateway's store (its target-state extension) and in the
 * target tenant with the official Graph SDK.
 */
class ScimTargetDirectoryTest {
    private static final String STATE = "urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AdvancingClock CLOCK = new AdvancingClock();
    private static EmulatedTenants tenants;
    private static GatewayServer gateway;
    private static GraphTargetDirectory fabrikam;
    private static ScimTargetDirectory scim;
    private static String secret;

    @BeforeAll
    static void start() throws Exception {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
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
                .withProvisioning(TargetProvisioning.factory(Optional.empty(), CLOCK, Duration.ofMillis(500))));
        scim = ScimTargetDirectory.connect(gateway.baseUri(), secret, Optional.empty());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        tenants.close();
    }

    private static Attributes mapped(String alias, String department) {
        return Attributes.of("displayName", alias + " Tester", "givenName", alias, "surname", "Tester",
                "mail", alias + "@contoso.com", "mailNickname", alias, "accountEnabled", true,
                "department", department, "employeeId", "E-" + alias, "jobTitle", "Engineer");
    }

    /** The gateway's SCIM resource, read directly, once its target state is {@code synced}. */
    private static JsonNode synced(String scimId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonNode user = resource(scimId);
            if ("synced".equals(user.path(STATE).path("state").asText()) || Instant.now().isAfter(deadline)) {
                assertThat(user.path(STATE).path("state").asText()).as(user.toString()).isEqualTo("synced");
                return user;
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode resource(String scimId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.baseUri() + "/Users/" + scimId)).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static TargetState.Present targetUser(JsonNode scimUser) {
        return (TargetState.Present) fabrikam.get(scimUser.path(STATE).path("targetObjectId").asText());
    }

    @Test
    void aCreatedUserIsReadFoundAndProvisionedAsAB2bMember() throws Exception {
        String id = scim.createExternalUserId("ada@contoso.com", "Member", mapped("ada", "Research"));

        TargetState.Present read = (TargetState.Present) scim.get(id);
        assertThat(read.objectId()).isEqualTo(id);
        assertThat(read.origin()).isEqualTo(TargetState.Origin.EXTERNAL);
        assertThat(read.accountEnabled()).isTrue();
        assertThat(read.userType()).isEqualTo("Member");
        assertThat(read.attributes().get("department")).isEqualTo("Research");
        assertThat(read.attributes().get("mail")).isEqualTo("ada@contoso.com");
        assertThat(scim.findExternalUser("ADA@contoso.com")).hasValueSatisfying(found ->
                assertThat(((TargetState.Present) found).objectId()).isEqualTo(id));
        assertThat(scim.findExternalUser("nobody@contoso.com")).isEmpty();

        TargetState.Present target = targetUser(synced(id));
        assertThat(target.attributes().getString("userPrincipalName"))
                .isEqualTo("ada_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        assertThat(target.userType()).isEqualTo("Member");
        assertThat(target.attributes().get("department")).isEqualTo("Research");
        assertThat(target.attributes().get("employeeId")).isEqualTo("E-ada");
        assertThat(target.attributes().get("givenName")).isEqualTo("ada");
    }

    @Test
    void anUpdateIsOnePatchThatReachesTheTarget() throws Exception {
        String id = scim.createExternalUserId("grace@contoso.com", "Member", mapped("grace", "Research"));
        String objectId = synced(id).path(STATE).path("targetObjectId").asText();

        scim.update(id, List.of(new AttributeChange("department", "Research", "Sales"),
                new AttributeChange("jobTitle", "Engineer", null),
                new AttributeChange("city", null, "Arlington"),
                new AttributeChange("userPrincipalName", null, "ignored#EXT#@fabrikam.onmicrosoft.com")));

        Attributes read = ((TargetState.Present) scim.get(id)).attributes();
        assertThat(read.get("department")).isEqualTo("Sales");
        assertThat(read.has("jobTitle")).isFalse();
        assertThat(read.get("city")).isEqualTo("Arlington");
        Instant deadline = Instant.now().plusSeconds(60);
        while (!"Sales".equals(((TargetState.Present) fabrikam.get(objectId)).attributes().get("department"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Attributes target = ((TargetState.Present) fabrikam.get(objectId)).attributes();
        assertThat(target.get("department")).isEqualTo("Sales");
        assertThat(target.get("city")).isEqualTo("Arlington");
    }

    @Test
    void disablingSetsActiveFalseAndDisablesTheTargetUser() throws Exception {
        String id = scim.createExternalUserId("linus@contoso.com", "Member", mapped("linus", "Research"));
        String objectId = synced(id).path(STATE).path("targetObjectId").asText();

        scim.disable(id);

        assertThat(((TargetState.Present) scim.get(id)).accountEnabled()).isFalse();
        Instant deadline = Instant.now().plusSeconds(60);
        while (((TargetState.Present) fabrikam.get(objectId)).accountEnabled() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(((TargetState.Present) fabrikam.get(objectId)).accountEnabled()).isFalse();
    }

    @Test
    void aSoftDeletedUserIsAbsentAndReprovisioningRestoresTheSameTargetObject() throws Exception {
        String id = scim.createExternalUserId("edsger@contoso.com", "Member", mapped("edsger", "Research"));
        String objectId = synced(id).path(STATE).path("targetObjectId").asText();

        scim.softDelete(id);

        assertThat(scim.get(id)).isInstanceOf(TargetState.Absent.class);
        assertThat(scim.findExternalUser("edsger@contoso.com")).isEmpty();
        Instant deadline = Instant.now().plusSeconds(60);
        while (!(fabrikam.get(objectId) instanceof TargetState.SoftDeleted) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);
        assertThatThrownBy(() -> scim.restore(id)).isInstanceOfSatisfying(TargetDirectoryException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));

        String again = scim.createExternalUserId("edsger@contoso.com", "Member", mapped("edsger", "Research"));

        assertThat(again).isNotEqualTo(id);
        assertThat(synced(again).path(STATE).path("targetObjectId").asText())
                .as("the gateway restored the soft-deleted target user instead of inviting a second one")
                .isEqualTo(objectId);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Present.class);
        assertThat(fabrikam.findExternalUser("edsger@contoso.com")).hasValueSatisfying(found ->
                assertThat(((TargetState.Present) found).objectId()).isEqualTo(objectId));
    }

    @Test
    void creatingAUserWhoseUserNameIsTakenTakesThatUserInsteadOfFailing() {
        String id = scim.createExternalUserId("barbara@contoso.com", "Member", mapped("barbara", "Research"));

        String again = scim.createExternalUserId("barbara@contoso.com", "Member", mapped("barbara", "Sales"));

        assertThat(again).isEqualTo(id);
        assertThat(((TargetState.Present) scim.get(id)).attributes().get("department")).isEqualTo("Sales");
    }

    @Test
    void hardDeleteIsIdempotent() {
        String id = scim.createExternalUserId("frances@contoso.com", "Member", mapped("frances", "Research"));
        scim.hardDelete(id);
        scim.hardDelete(id);
        assertThat(scim.get(id)).isInstanceOf(TargetState.Absent.class);
        assertThatThrownBy(() -> scim.softDelete(id)).isInstanceOfSatisfying(TargetDirectoryException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void groupsAndTheirMembersGoThroughGroupsAndMemberPatches() {
        String alan = scim.createExternalUserId("alan@contoso.com", "Member", mapped("alan", "Research"));
        String joan = scim.createExternalUserId("joan@contoso.com", "Member", mapped("joan", "Research"));
        String group = scim.createSecurityGroup("Researchers", "not sent: SCIM groups have no description");

        scim.addMember(group, alan);
        scim.addMember(group, joan);
        scim.addMember(group, joan);
        assertThat(scim.memberIds(group)).containsExactlyInAnyOrder(alan, joan);

        scim.removeMember(group, alan);
        assertThat(scim.memberIds(group)).containsExactly(joan);
        assertThatThrownBy(() -> scim.removeMember(group, alan)).isInstanceOfSatisfying(
                TargetDirectoryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));

        scim.updateGroup(group, "Research staff", null);
        scim.deleteGroup(group);
        assertThatThrownBy(() -> scim.memberIds(group)).isInstanceOfSatisfying(TargetDirectoryException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void aSecondGroupWithTheSameNameIsAConflict() {
        scim.createSecurityGroup("Unique name", null);
        assertThatThrownBy(() -> scim.createSecurityGroup("Unique name", null)).isInstanceOfSatisfying(
                TargetDirectoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.errorCode()).isEqualTo("uniqueness");
                });
    }

    @Test
    void theGatewaysConsentRefusalIsACredentialsFailureNamingTheConsentAndNothingIsStored() {
        tenants.setInboundSync(false);
        try {
            CLOCK.advance(Duration.ofSeconds(16)); // past the gateway's cached trust decision
            assertThatThrownBy(() -> scim.createExternalUserId("kurt@contoso.com", "Member",
                    mapped("kurt", "Research"))).isInstanceOfSatisfying(TargetDirectoryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
                        assertThat(e.httpStatus()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("has not enabled inbound synchronization").doesNotContain(secret);
                    });
            assertThat(scim.findExternalUser("kurt@contoso.com")).isEmpty();
        } finally {
            tenants.setInboundSync(true);
            CLOCK.advance(Duration.ofSeconds(16));
        }
        assertThat(scim.createExternalUserId("kurt@contoso.com", "Member", mapped("kurt", "Research"))).isNotBlank();
    }

    @Test
    void aWrongTokenIsACredentialsFailureThatNeverShowsTheToken() {
        String wrong = SecretHash.newSecret(new SecureRandom());
        ScimTargetDirectory stranger = ScimTargetDirectory.connect(gateway.baseUri(), wrong, Optional.empty());
        assertThatThrownBy(() -> stranger.findExternalUser("ada@contoso.com")).isInstanceOfSatisfying(
                TargetDirectoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain(wrong);
                });
        assertThat(stranger.options().toString()).doesNotContain(wrong);
    }

    @Test
    void inboundSettingsLeaveTheDecisionToTheEndpoint() {
        var settings = scim.inboundSettingsFor(EmulatedTenants.CONTOSO.toString());
        assertThat(settings.userSyncInbound()).isTrue();
        assertThat(settings.inboundAutomaticConsent()).isTrue();
    }

    @Test
    void throttlingIsRetriedWithinRetryAfterAndReportedWithItBeyond() throws Exception {
        String a = SecretHash.newSecret(new SecureRandom());
        String b = SecretHash.newSecret(new SecureRandom());
        // one request per 100 s after a burst of 2: the bucket cannot refill while the test runs
        GatewayConfig slow = GatewayConfig.parse(GatewayFixture.configYaml(a, b).replace("    provisioningWait: PT2S\n",
                "    provisioningWait: PT2S\n    rateLimit: {requestsPerSecond: 0.01, burst: 2}\n"));
        try (GatewayFixture gw = GatewayFixture.start(a, b, o -> new GatewayServer.Options(slow, o.port(), o.dataDir(),
                o.provisioning(), o.limits(), o.tls()), Optional.empty())) {
            ScimTargetDirectory limited = ScimTargetDirectory.connect(gw.server.baseUri(), a, Optional.empty());
            limited.findExternalUser("a@contoso.com");
            limited.findExternalUser("a@contoso.com");
            assertThatThrownBy(() -> limited.findExternalUser("a@contoso.com")).isInstanceOfSatisfying(
                    TargetDirectoryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
                        assertThat(e.httpStatus()).isEqualTo(429);
                        assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                                assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(100)));
                    });
        }
        // one request a second: the second is refused with Retry-After 1, waited out and retried
        GatewayConfig paced = GatewayConfig.parse(GatewayFixture.configYaml(a, b).replace("    provisioningWait: PT2S\n",
                "    provisioningWait: PT2S\n    rateLimit: {requestsPerSecond: 1, burst: 1}\n"));
        try (GatewayFixture gw = GatewayFixture.start(a, b, o -> new GatewayServer.Options(paced, o.port(), o.dataDir(),
                o.provisioning(), o.limits(), o.tls()), Optional.empty())) {
            ScimTargetDirectory limited = new ScimTargetDirectory(ScimTargetDirectoryOptions
                    .of(gw.server.baseUri(), a).withRetries(5, Duration.ofSeconds(5)));
            for (int i = 0; i < 3; i++) {
                assertThat(limited.findExternalUser("a@contoso.com")).isEmpty();
            }
        }
    }

    @Test
    void anHttpsEndpointIsReachedWithItsCaCertificateAndRefusedWithoutIt(@TempDir Path dir) throws Exception {
        char[] password = "store-password-1".toCharArray();
        Path p12 = dir.resolve("gateway.p12");
        Path pem = dir.resolve("gateway.pem");
        keytool("-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                p12.toString(), "-storepass", new String(password), "-keypass", new String(password));
        keytool("-exportcert", "-rfc", "-alias", "gateway", "-keystore", p12.toString(), "-storepass",
                new String(password), "-file", pem.toString());
        try (GatewayFixture gw = GatewayFixture.start(o -> o.withTls(GatewayTls.fromPkcs12(p12, password.clone())),
                Optional.empty())) {
            assertThat(gw.server.baseUri().getScheme()).isEqualTo("https");
            ScimTargetDirectory trusting = ScimTargetDirectory.connect(gw.server.baseUri(), gw.secretA, Optional.of(pem));
            String id = trusting.createExternalUserId("tls@contoso.com", "Member", mapped("tls", "Research"));
            assertThat(trusting.get(id)).isInstanceOf(TargetState.Present.class);

            ScimTargetDirectory untrusting = ScimTargetDirectory.connect(gw.server.baseUri(), gw.secretA,
                    Optional.empty());
            assertThatThrownBy(() -> untrusting.get(id)).isInstanceOfSatisfying(TargetDirectoryException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                assertThat(e.errorCode()).isEqualTo(TargetDirectoryException.NO_RESPONSE);
            });
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
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
