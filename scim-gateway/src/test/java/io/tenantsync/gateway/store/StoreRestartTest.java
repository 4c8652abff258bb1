package io.tenantsync.gateway.store;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.hamcrest.Matchers.equalTo;

/** A file database keeps resources, memberships and the outbox across a restart. */
class StoreRestartTest {
    @Test
    void aRestartedGatewayServesWhatWasStoredBefore(@TempDir Path dataDir) {
        String userId;
        String groupId;
        String a;
        String b;
        try (GatewayFixture gw = GatewayFixture.start(o -> o, Optional.of(dataDir))) {
            a = gw.secretA;
            b = gw.secretB;
            userId = gw.createUser("durable@contoso.com");
            groupId = gw.alpha().body("{\"displayName\":\"Durable\",\"members\":[{\"value\":\"" + userId + "\"}]}").post("/Groups")
                    .then().statusCode(201).extract().path("id");
        }
        try (GatewayFixture gw = GatewayFixture.start(a, b, o -> o, Optional.of(dataDir))) {
            gw.alpha().queryParam("filter", "userName eq \"DURABLE@contoso.com\"").get("/Users").then().statusCode(200)
                    .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(userId));
            gw.alpha().get("/Groups/" + groupId).then().statusCode(200).body("members[0].value", equalTo(userId));
            org.assertj.core.api.Assertions.assertThat(gw.server.components().outbox().pending("alpha")).hasSize(2);
            gw.alpha().body("{\"userName\":\"durable@contoso.com\"}").post("/Users").then().statusCode(409);
        }
    }

    @Test
    void releasingClaimsAfterARestartFreesTheChangesADeadProcessHadClaimed(@TempDir Path dataDir) {
        String a;
        String b;
        try (GatewayFixture gw = GatewayFixture.start(o -> o, Optional.of(dataDir))) {
            a = gw.secretA;
            b = gw.secretB;
            gw.createUser("claimed@contoso.com");
            Outbox outbox = gw.server.components().outbox();
            // a provisioning worker claimed the change with a long lease, then its process died before settling it
            ChangeRef change = outbox.pending("alpha").get(0);
            org.assertj.core.api.Assertions.assertThat(outbox.claim(change, java.time.Duration.ofHours(1))).isTrue();
            org.assertj.core.api.Assertions.assertThat(outbox.claim(change, java.time.Duration.ofHours(1))).isFalse();
        }
        try (GatewayFixture gw = GatewayFixture.start(a, b, o -> o, Optional.of(dataDir))) {
            Outbox outbox = gw.server.components().outbox();
            org.assertj.core.api.Assertions.assertThat(outbox.releaseClaims()).isEqualTo(1);
            ChangeRef change = outbox.pending("alpha").get(0);
            org.assertj.core.api.Assertions.assertThat(outbox.claim(change, java.time.Duration.ofHours(1))).isTrue();
        }
    }
}
