package io.tenantsync.emulator.server;

import io.restassured.RestAssured;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.sdk.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What survives a restart with a data directory, and the optional plain-HTTP listener for loopback Graph clients. */
class EmulatorServerTest {

    static String token(EmulatorFixture f) {
        return RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                .formParam("client_id", "contoso-admin").formParam("client_secret", "contoso-secret-value-0001")
                .formParam("scope", "https://graph.microsoft.com/.default")
                .post(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token").jsonPath().getString("access_token");
    }

    @Test
    void aFileDatabaseKeepsUsersClockAndSigningKeyAcrossRestarts(@TempDir Path data) {
        String id;
        String token;
        try (EmulatorFixture first = new EmulatorFixture(Optional.of(data))) {
            id = SdkClients.contoso(first).users().post(SdkClients.newMember("durable")).getId();
            token = token(first);
            RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN)
                    .body("{\"by\":\"P2D\"}").post(first.authority() + "/_emulator/clock/advance").then().statusCode(200);
        }
        try (EmulatorFixture second = new EmulatorFixture(Optional.of(data))) {
            assertThat(SdkClients.contoso(second).users().byUserId(id).get().getUserPrincipalName())
                    .isEqualTo("durable@contoso.onmicrosoft.com");
            // a token issued before the restart is still valid: the signing key lives in the data directory
            RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + token)
                    .get(second.graphRoot() + "/users/" + id).then().statusCode(200);
            String offset = RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN)
                    .get(second.authority() + "/_emulator/clock").jsonPath().getString("offset");
            assertThat(offset).isEqualTo("PT48H");
        }
    }

    @Test
    void theClockOnlyMovesForwardAndNeedsTheControlToken() {
        try (EmulatorFixture f = new EmulatorFixture()) {
            RestAssured.given().relaxedHTTPSValidation().body("{\"by\":\"P1D\"}").post(f.authority() + "/_emulator/clock/advance")
                    .then().statusCode(401);
            RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + token(f)).body("{\"by\":\"P1D\"}")
                    .post(f.authority() + "/_emulator/clock/advance").then().statusCode(401);
            RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN)
                    .body("{\"by\":\"-P1D\"}").post(f.authority() + "/_emulator/clock/advance").then().statusCode(400);
            RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN)
                    .body("{\"by\":\"soon\"}").post(f.authority() + "/_emulator/clock/advance").then().statusCode(400);
        }
    }

    @Test
    void plainHttpServesGraphOnLoopbackWhenEnabled(@TempDir Path dir) {
        var config = EmulatorFixture.config();
        try (EmulatorServer s = EmulatorServer.start(new EmulatorServer.Options(config, 0, Optional.empty(), dir.resolve("ca.pem"), Optional.of(0)))) {
            String httpRoot = s.httpBaseUri().orElseThrow().toString();
            String token = RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                    .formParam("client_id", "contoso-admin").formParam("client_secret", "contoso-secret-value-0001")
                    .formParam("scope", "https://graph.microsoft.com/.default")
                    .post(s.baseUri() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token").jsonPath().getString("access_token");
            RestAssured.given().header("Authorization", "Bearer " + token).get(httpRoot + "/v1.0/users").then().statusCode(200);
            RestAssured.given().get(httpRoot + "/v1.0/users").then().statusCode(401);
        }
    }
}
