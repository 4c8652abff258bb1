package io.tenantsync.gateway.provisioning;

import io.tenantsync.gateway.GatewayFixture;
import io.tenantsync.gateway.store.ChangeOperation;
import io.tenantsync.gateway.store.ChangeRef;
import io.tenantsync.gateway.store.Outbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The two provisioning hooks, bound to small test implementations to prove the wiring. */
class ProvisioningHooksTest {
    private static final String TARGET = "'urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource'";

    @Test
    void withoutAProcessorChangesStayPendingInTheOutbox() {
        try (GatewayFixture gw = GatewayFixture.start()) {
            String id = gw.createUser("pending@contoso.com");
            List<ChangeRef> pending = gw.server.components().outbox().pending("alpha");
            assertThat(pending).extracting(ChangeRef::resourceId, ChangeRef::operation).containsExactly(org.assertj.core.groups.Tuple.tuple(id, ChangeOperation.UPSERT));
            gw.alpha().get("/Users/" + id).then().body(TARGET + ".state", equalTo("pending"));
        }
    }

    @Test
    void aProcessorThatSettlesTheChangeMakesTheReplyShowSynced() {
        List<ChangeRef> seen = new CopyOnWriteArrayList<>();
        ProvisioningHooks.Factory factory = (outbox, config) -> new ProvisioningHooks(WriteAdmission.ADMIT_ALL, Optional.of(change -> {
            seen.add(change);
            return CompletableFuture.runAsync(() -> {
                if (outbox.claim(change, Duration.ofSeconds(30))) outbox.markApplied(change, Optional.of("target-" + change.resourceId()));
            });
        }));
        try (GatewayFixture gw = GatewayFixture.start(o -> o.withProvisioning(factory))) {
            String id = gw.alpha().body("{\"userName\":\"synced@contoso.com\"}").post("/Users").then().statusCode(201)
                    .body(TARGET + ".state", equalTo("synced"))
                    .extract().path("id");
            gw.alpha().get("/Users/" + id).then().body(TARGET + ".state", equalTo("synced")).body(TARGET + ".targetObjectId", equalTo("target-" + id))
                    .body(TARGET + ".lastAttempt", org.hamcrest.Matchers.notNullValue());
            gw.alpha().body("{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}").patch("/Users/" + id).then().statusCode(200)
                    .body(TARGET + ".state", equalTo("synced"));
            gw.alpha().delete("/Users/" + id).then().statusCode(204);
            assertThat(seen).extracting(ChangeRef::operation).containsExactly(ChangeOperation.UPSERT, ChangeOperation.DEACTIVATE, ChangeOperation.DELETE);
            assertThat(gw.server.components().outbox().pending("alpha")).isEmpty();
        }
    }

    @Test
    void aFailedAttemptIsShownAndTheChangeStaysQueuedForRetry() {
        ProvisioningHooks.Factory factory = (outbox, config) -> new ProvisioningHooks(WriteAdmission.ADMIT_ALL, Optional.of(change -> {
            outbox.claim(change, Duration.ofSeconds(30));
            outbox.markFailed(change, "Graph 503: service unavailable");
            return CompletableFuture.completedFuture(null);
        }));
        try (GatewayFixture gw = GatewayFixture.start(o -> o.withProvisioning(factory))) {
            gw.alpha().body("{\"userName\":\"failed@contoso.com\"}").post("/Users").then().statusCode(201)
                    .body(TARGET + ".state", equalTo("failed")).body(TARGET + ".lastError", equalTo("Graph 503: service unavailable"));
            Outbox outbox = gw.server.components().outbox();
            assertThat(outbox.pending("alpha")).singleElement().satisfies(c -> assertThat(c.attempts()).isEqualTo(1));
            assertThat(outbox.claim("alpha", 10, Duration.ofSeconds(30))).hasSize(1);
            assertThat(outbox.claim("alpha", 10, Duration.ofSeconds(30))).isEmpty();
        }
    }

    @Test
    void theReplyWaitsNoLongerThanTheConnectionsBoundedWait() {
        ProvisioningHooks.Factory factory = (outbox, config) -> new ProvisioningHooks(WriteAdmission.ADMIT_ALL,
                Optional.of(change -> new CompletableFuture<>()));
        try (GatewayFixture gw = GatewayFixture.start(o -> o.withProvisioning(factory))) {
            gw.alpha().get("/Users").then().statusCode(200); // warm up the client and server before timing
            long started = System.nanoTime();
            gw.alpha().body("{\"userName\":\"slow@contoso.com\"}").post("/Users").then().statusCode(201).body(TARGET + ".state", equalTo("pending"));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(elapsedMs).isBetween(1_900L, 6_000L); // alpha's provisioningWait is PT2S
        }
    }

    @Test
    void aRefusingAdmissionIs403NamingTheConsentAndStoresNothing() {
        ProvisioningHooks.Factory factory = (outbox, config) -> new ProvisioningHooks(
                connection -> connection.id().equals("alpha")
                        ? Optional.of(new Refusal("the target tenant has not allowed inbound user sync (userSyncInbound) from tenant " + connection.sourceTenantId()))
                        : Optional.empty(),
                Optional.empty());
        try (GatewayFixture gw = GatewayFixture.start(o -> o.withProvisioning(factory))) {
            gw.alpha().body("{\"userName\":\"refused@contoso.com\"}").post("/Users").then().statusCode(403)
                    .body("status", equalTo("403")).body("detail", org.hamcrest.Matchers.containsString("userSyncInbound"));
            gw.alpha().queryParam("filter", "userName eq \"refused@contoso.com\"").get("/Users").then().statusCode(200).body("totalResults", equalTo(0));
            assertThat(gw.server.components().outbox().pending("alpha")).isEmpty();
            gw.beta().body("{\"userName\":\"admitted@contoso.com\"}").post("/Users").then().statusCode(201);
        }
    }
}
