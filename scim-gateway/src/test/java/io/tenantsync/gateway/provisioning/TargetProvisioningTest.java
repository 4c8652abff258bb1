package io.tenantsync.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.server.GatewayServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SCIM pushes to the gateway provision B2B users into the emulated fabrikam tenant through Graph; each test checks the
 * target with the official Graph SDK.
 */
class TargetProvisioningTest {
    private static final String STATE = "'urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource'";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static EmulatedTenants tenants;
    private static final AdvancingClock CLOCK = new AdvancingClock();
    private static GatewayServer gateway;
    private static GraphTargetDirectory fabrikam;
    private static String secret;

    @BeforeAll
    static void start() throws IOException {
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
                    provisioningWait: PT10S
                    authentication:
                      bearerSecretHashes: ["%s"]
                """.formatted(EmulatedTenants.CONTOSO, f.authorityHost(), f.graphBaseUrl(), f.tenantId(), f.clientId(),
                f.clientSecret(), f.caCertificatePem(), SecretHash.of(secret, new SecureRandom())));
        gateway = GatewayServer.start(GatewayServer.Options.of(config, 0, Optional.empty())
                .withProvisioning(TargetProvisioning.factory(Optional.empty(), CLOCK, Duration.ofMillis(500))));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        tenants.close();
    }

    private static RequestSpecification scim() {
        return RestAssured.given(new RequestSpecBuilder().setBaseUri(gateway.baseUri().toString())
                .setConfig(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .setContentType("application/scim+json").addHeader("Authorization", "Bearer " + secret).build());
    }

    private static ValidatableResponse create(String alias, String department) {
        return scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "userName":"%s@contoso.com","active":true,"displayName":"%s Tester",
                 "emails":[{"type":"work","value":"%s@contoso.com","primary":true}],
                 "name":{"givenName":"%s","familyName":"Tester"},
                 "%s":{"department":"%s","employeeNumber":"E-%s"}}
                """.formatted(ENTERPRISE, alias, alias, alias, alias, ENTERPRISE, department, alias))
                .post("/Users").then();
    }

    private static TargetState.Present targetUser(String objectId) {
        return (TargetState.Present) fabrikam.get(objectId);
    }

    @Test
    void aPushedUserBecomesAB2bMemberWithTheExtUpnAndMappedAttributes() {
        String objectId = create("ada", "Research").statusCode(201)
                .body(STATE + ".state", equalTo("synced"))
                .extract().path(STATE + ".targetObjectId");

        TargetState.Present user = targetUser(objectId);
        assertThat(user.attributes().getString("userPrincipalName")).isEqualTo("ada_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        assertThat(user.userType()).isEqualTo("Member");
        assertThat(user.attributes().get("department")).isEqualTo("Research");
        assertThat(user.attributes().get("employeeId")).isEqualTo("E-ada");
        assertThat(user.attributes().get("companyName")).isEqualTo("Contoso (Synced)");
    }

    @Test
    void aPatchUpdatesTheTargetAndDeactivationDisablesIt() {
        var created = create("grace", "Research").statusCode(201).extract();
        String id = created.path("id");
        String objectId = created.path(STATE + ".targetObjectId");

        scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"%s:department","value":"Compilers"}]}""".formatted(ENTERPRISE))
                .patch("/Users/" + id).then().statusCode(200).body(STATE + ".state", equalTo("synced"));
        assertThat(targetUser(objectId).attributes().get("department")).isEqualTo("Compilers");

        scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"}]}""")
                .patch("/Users/" + id).then().statusCode(200).body(STATE + ".state", equalTo("synced"));
        assertThat(targetUser(objectId).accountEnabled()).isFalse();
    }

    @Test
    void aDeleteSoftDeletesAndAPostOfTheSameUserRestoresTheSameObject() {
        var created = create("barbara", "Research").statusCode(201).extract();
        String objectId = created.path(STATE + ".targetObjectId");

        scim().delete("/Users/" + created.path("id")).then().statusCode(204);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);

        create("barbara", "Research").statusCode(201)
                .body(STATE + ".state", equalTo("synced"))
                .body(STATE + ".targetObjectId", equalTo(objectId));
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Present.class);
    }

    @Test
    void aWriteIsRefusedAndNothingStoredWhenTheTargetWithdrawsInboundSync() {
        tenants.setInboundSync(false);
        try {
            // the gateway reuses a trust decision for 15 s: move its clock past that instead of racing it
            CLOCK.advance(Duration.ofSeconds(16));
            create("linus", "Research").statusCode(403)
                    .body("detail", containsString("inbound synchronization"));
            scim().get("/Users?filter=userName eq \"linus@contoso.com\"").then().statusCode(200)
                    .body("totalResults", equalTo(0));
        } finally {
            tenants.setInboundSync(true);
            CLOCK.advance(Duration.ofSeconds(16));
        }
        create("linus", "Research").statusCode(201);
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
            throw new UnsupportedOperationException("fixed to UTC");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    @Test
    void aThrottledTargetLeavesTheUserPendingUntilARetryAppliesIt() {
        tenants.addFault("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/invitations\"},"
                + "\"action\":{\"status\":503,\"count\":4}}");
        String id;
        try {
            id = create("frances", "Research").statusCode(201)
                    .body(STATE + ".state", org.hamcrest.Matchers.not(equalTo("synced")))
                    .extract().path("id");
        } finally {
            tenants.clearFaults();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String state;
        do {
            sleep(300);
            state = scim().get("/Users/" + id).then().statusCode(200).extract().path(STATE + ".state");
        } while (!"synced".equals(state) && System.nanoTime() < deadline);
        assertThat(state).isEqualTo("synced");
        assertThat(fabrikam.findExternalUser("frances@contoso.com")).isPresent();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
