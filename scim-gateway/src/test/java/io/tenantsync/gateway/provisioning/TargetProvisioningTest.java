package io.tenantsync.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** One HTTP/1.1 exchange with the gateway from a test thread (REST-assured is not meant for 16 threads). */
    private static HttpResponse<String> send(HttpClient http, String method, String path, String body, String ifMatch) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) request.header("If-Match", ifMatch);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String replaceDepartment(String value) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"%s:department","value":"%s"}]}""".formatted(ENTERPRISE, value);
    }

    private static final int CLIENTS = 16;

    /** Runs {@code client} on 16 threads at once and returns what they counted; a thrown exception fails the test. */
    private static List<Map<String, Integer>> concurrently(java.util.function.IntFunction<java.util.concurrent.Callable<Map<String, Integer>>> client)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Map<String, Integer>>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) futures.add(pool.submit(client.apply(i)));
            List<Map<String, Integer>> results = new ArrayList<>();
            for (var f : futures) results.add(f.get(120, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the user is synced and returns its SCIM department and its target object's department. */
    private static String[] awaitTargetDepartment(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var user = scim().get("/Users/" + id).then().statusCode(200).extract();
            String scimDepartment = user.path("'" + ENTERPRISE + "'.department");
            String objectId = user.path(STATE + ".targetObjectId");
            if ("synced".equals(user.path(STATE + ".state")) && objectId != null) {
                Object targetDepartment = targetUser(objectId).attributes().get("department");
                if (scimDepartment.equals(targetDepartment) || System.nanoTime() > deadline) {
                    return new String[] {scimDepartment, String.valueOf(targetDepartment)};
                }
            } else if (System.nanoTime() > deadline) {
                return new String[] {scimDepartment, "not synced"};
            }
            sleep(200);
        }
    }

    @Test
    void sixteenClientsPatchingWithIfMatchLoseNoUpdateAndTheTargetEndsAtTheFinalScimState() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < 3; u++) ids.add(create("counter" + u, "0").statusCode(201).extract().path("id"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var counts = concurrently(client -> () -> {
            Map<String, Integer> seen = new HashMap<>();
            var random = new java.util.Random(client);
            for (int n = 0; n < 8; n++) {
                String id = ids.get(random.nextInt(ids.size()));
                while (true) {
                    // read, increment, write back only if nobody wrote in between
                    var read = send(http, "GET", "/Users/" + id, null, null);
                    assertThat(read.statusCode()).isEqualTo(200);
                    int value = Integer.parseInt(JSON.readTree(read.body()).path(ENTERPRISE).path("department").asText());
                    var write = send(http, "PATCH", "/Users/" + id, replaceDepartment(Integer.toString(value + 1)),
                            read.headers().firstValue("ETag").orElseThrow());
                    seen.merge("status " + write.statusCode(), 1, Integer::sum);
                    if (write.statusCode() == 200) {
                        seen.merge(id, 1, Integer::sum);
                        break;
                    }
                    assertThat(write.statusCode()).as(write.body()).isEqualTo(412);
                }
            }
            return seen;
        });
        Map<String, Integer> total = new HashMap<>();
        counts.forEach(c -> c.forEach((k, v) -> total.merge(k, v, Integer::sum)));
        System.out.println("16 clients with If-Match: " + total);
        assertThat(total.get("status 200")).isEqualTo(CLIENTS * 8);
        for (String id : ids) {
            String[] departments = awaitTargetDepartment(id);
            assertThat(departments[0]).as("increments applied to %s", id).isEqualTo(Integer.toString(total.getOrDefault(id, 0)));
            assertThat(departments[1]).as("target department of %s", id).isEqualTo(departments[0]);
        }
    }

    @Test
    void sixteenClientsPatchingWithoutIfMatchLeaveTheLastWritersValueInScimAndTheTarget() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < 2; u++) ids.add(create("lastwriter" + u, "start").statusCode(201).extract().path("id"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // per user, the department each acknowledged reply showed, by the version (ETag) it showed it with
        Map<String, Map<Integer, String>> shown = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> values = java.util.concurrent.ConcurrentHashMap.newKeySet();
        concurrently(client -> () -> {
            for (int n = 0; n < 6; n++) {
                String id = ids.get((client + n) % ids.size());
                String value = "writer-" + client + "-" + n;
                values.add(value);
                var write = send(http, "PATCH", "/Users/" + id, replaceDepartment(value), null);
                assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
                int version = Integer.parseInt(write.headers().firstValue("ETag").orElseThrow().replaceAll("\\D", ""));
                String department = JSON.readTree(write.body()).path(ENTERPRISE).path("department").asText();
                String before = shown.computeIfAbsent(id, k -> new java.util.concurrent.ConcurrentHashMap<>()).putIfAbsent(version, department);
                assertThat(before == null || before.equals(department))
                        .as("version %d of %s shown with two contents: %s and %s", version, id, before, department).isTrue();
            }
            return Map.of();
        });
        for (String id : ids) {
            String last = new java.util.TreeMap<>(shown.get(id)).lastEntry().getValue();
            assertThat(values).contains(last);
            String[] departments = awaitTargetDepartment(id);
            assertThat(departments[0]).as("SCIM value of %s: the write acknowledged with the highest version", id).isEqualTo(last);
            assertThat(departments[1]).as("target department of %s", id).isEqualTo(last);
        }
    }

    private static String userJson(String alias) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s@contoso.com","active":true,
                 "displayName":"%s Tester","emails":[{"type":"work","value":"%s@contoso.com","primary":true}],
                 "%s":{"department":"Dept %s"}}""".formatted(ENTERPRISE, alias, alias, alias, ENTERPRISE, alias);
    }

    /** The target users whose otherMails hold the address (active ones). */
    private static long targetUsersWithAddress(String address) {
        return fabrikam.findExternalUser(address).isPresent() ? tenants.server.components().db().transaction(c ->
                tenants.server.components().store().count(c, EmulatedTenants.FABRIKAM.toString(), "user", false,
                        "(o.TENANT_ID, o.ID) IN (SELECT v.TENANT_ID, v.OBJECT_ID FROM OBJECT_VALUE v WHERE v.PROP = 'otherMails'"
                                + " AND v.VALUE_LC = ?)", List.of(address.toLowerCase(java.util.Locale.ROOT)))) : 0;
    }

    @Test
    void sixteenClientsPushingAtOnceEachGetTheirOwnTargetUserAndTheirGraphRequestsShareBatches() throws Exception {
        long mark = tenants.journalMark();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var replies = concurrently(client -> () -> {
            String alias = "pushed" + client;
            HttpResponse<String> reply = send(http, "POST", "/Users", userJson(alias), null);
            assertThat(reply.statusCode()).isEqualTo(201);
            var state = new ObjectMapper().readTree(reply.body()).path(STATE.replace("'", ""));
            assertThat(state.path("state").asText()).as("state of %s", alias).isEqualTo("synced");
            return Map.of(state.path("targetObjectId").asText(), client);
        });

        Set<String> objectIds = new java.util.HashSet<>();
        for (var reply : replies) {
            var entry = reply.entrySet().iterator().next();
            objectIds.add(entry.getKey());
            TargetState.Present user = targetUser(entry.getKey());
            assertThat(user.attributes().get("department")).as("the reply's own user").isEqualTo("Dept pushed" + entry.getValue());
        }
        assertThat(objectIds).hasSize(CLIENTS);
        var journal = tenants.server.components().journal().since(mark);
        assertThat(journal.stream().filter(e -> EmulatedTenants.graphPath(e).equals("/v1.0/invitations"))).hasSize(CLIENTS);
        assertThat(journal.stream().filter(e -> e.path().startsWith("$batch>"))).as("requests sent inside batches").isNotEmpty();
        assertThat(tenants.graphWritesSince(mark)).as("an invitation and an update per user").isEqualTo(2L * CLIENTS);
    }

    @Test
    void lostInvitationAnswersUnderConcurrentPushesStillMakeExactlyOneTargetUserEach() throws Exception {
        // the first invitations run and commit, but their answers are lost (504, as a timeout would be)
        tenants.addFault("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/invitations\"},"
                + "\"action\":{\"dropResponse\":true,\"count\":6}}");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Map<String, Integer>> ids;
        try {
            ids = concurrently(client -> () -> {
                HttpResponse<String> reply = send(http, "POST", "/Users", userJson("lost" + client), null);
                assertThat(reply.statusCode()).isEqualTo(201);
                return Map.of(new ObjectMapper().readTree(reply.body()).path("id").asText(), client);
            });
        } finally {
            tenants.clearFaults();
        }

        for (var reply : ids) {
            var entry = reply.entrySet().iterator().next();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String state;
            do {
                state = scim().get("/Users/" + entry.getKey()).then().statusCode(200).extract().path(STATE + ".state");
                if (!"synced".equals(state)) sleep(200);
            } while (!"synced".equals(state) && System.nanoTime() < deadline);
            assertThat(state).isEqualTo("synced");
            assertThat(targetUsersWithAddress("lost" + entry.getValue() + "@contoso.com")).isEqualTo(1);
        }
    }

    @Test
    void aUserDeletedWhileItsCreationGotNoAnswerIsFoundByItsAddressAndDeprovisioned() throws Exception {
        // the invitation commits but its answer is lost, and the resends fail slowly: the gateway has not learnt the
        // object id when the SCIM client deletes the user
        tenants.addFault("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/invitations\"},"
                + "\"action\":{\"dropResponse\":true,\"count\":1}}");
        tenants.addFault("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/invitations\"},"
                + "\"action\":{\"status\":503,\"retryAfterSeconds\":3,\"count\":1000}}");
        String address = "unconfirmed@contoso.com";
        long mark = tenants.journalMark();
        java.util.concurrent.ExecutorService client = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var created = client.submit(() -> scim().body(userJson("unconfirmed")).post("/Users").then().statusCode(201));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tenants.server.components().journal().since(mark).stream().noneMatch(e -> e.status() == 504)
                    && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertThat(targetUsersWithAddress(address)).as("the lost invitation made the user").isEqualTo(1);
            // stored before the target was tried: the client deletes it while the creation is still being resent
            String id = scim().queryParam("filter", "userName eq \"" + address + "\"").get("/Users").then().statusCode(200)
                    .extract().path("Resources[0].id");
            scim().delete("/Users/" + id).then().statusCode(204);
            created.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            client.shutdownNow();
            tenants.clearFaults();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (targetUsersWithAddress(address) > 0 && System.nanoTime() < deadline) sleep(200);
        assertThat(targetUsersWithAddress(address)).as("no active user is left behind").isZero();
        assertThat(fabrikam.findExternalUser(address)).get().isInstanceOf(TargetState.SoftDeleted.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
