package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.models.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's job goes source tenant → SCIM → gateway → Graph → target tenant: after {@code demo --once}, the gateway's
 * SCIM store (kept in the data directory) holds every user of the assigned group with its target state synced, and
 * each of fabrikam's B2B users is the target object of one of them.
 */
@Tag("needs-cross-tenant-access-policy")
class DemoThroughGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource";

    @TempDir
    Path tmp;

    @Test
    void afterTheFirstCycleTheGatewayHoldsEverySyncedUserAndFabrikamsB2bUsersAreTheirTargets() throws Exception {
        Path data = tmp.resolve("data");
        CliRun.Result once = CliRun.run("demo", "--once", "--port-base", "0", "--data-dir", data.toString());
        assertThat(once.exitCode()).as(once.err()).isZero();
        assertThat(once.out()).contains("→ SCIM gateway → fabrikam").contains("created 25, updated 0, skipped 0, failed 0");

        // the same data directory again: the gateway reopens its store, the job its links and watermarks
        Path file = tmp.resolve("ep.json");
        try (CliRun.Serving demo = CliRun.serve("demo", "--port-base", "0", "--data-dir", data.toString(),
                "--endpoints-file", file.toString())) {
            assertThat(demo.out()).as("the job's links survived and what it reads back from SCIM equals what it "
                    + "maps: nothing is created twice or updated").containsPattern("created 0, updated 0, skipped \\d+, failed 0");
            EndpointsClients clients = new EndpointsClients(file);
            JsonNode scimUsers = syncedScimUsers(clients.json());
            assertThat(scimUsers).hasSize(DemoCommand.SEED_USERS);
            Map<String, String> userNameByTarget = new HashMap<>();
            for (JsonNode user : scimUsers) {
                assertThat(user.path("userName").asText()).matches("user\\d+@contoso\\.onmicrosoft\\.com");
                assertThat(user.path("active").asBoolean()).isTrue();
                assertThat(user.path("externalId").asText()).matches("user\\d+");
                userNameByTarget.put(user.path(STATE).path("targetObjectId").asText(), user.path("userName").asText());
            }

            List<User> fabrikam = clients.graph("target").users().get(r -> {
                r.queryParameters.top = 100;
                r.queryParameters.select = new String[] {"id", "userPrincipalName", "otherMails", "creationType",
                    "companyName"};
            }).getValue();
            assertThat(fabrikam).hasSize(DemoCommand.SEED_USERS);
            assertThat(fabrikam.stream().map(User::getId).collect(Collectors.toSet()))
                    .as("every B2B user in fabrikam is the target object of one SCIM user at the gateway")
                    .isEqualTo(userNameByTarget.keySet());
            for (User user : fabrikam) {
                assertThat(user.getCreationType()).isEqualTo("Invitation");
                assertThat(user.getOtherMails()).containsExactly(userNameByTarget.get(user.getId()));
                assertThat(user.getCompanyName()).as("the gateway's tenant-of-origin mapping")
                        .isEqualTo("Contoso (Synced)");
            }
            assertThat(demo.stop()).isZero();
        }
    }

    /** Every user of the gateway, once each one's target state is synced (the gateway may still be retrying). */
    private static JsonNode syncedScimUsers(JsonNode endpoints) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                            endpoints.at("/scim/baseUrl").asText() + "/Users?count=100"))
                    .header("Authorization", "Bearer " + endpoints.at("/scim/token").asText()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode users = JSON.readTree(response.body()).path("Resources");
            boolean allSynced = users.size() > 0;
            for (JsonNode user : users) {
                allSynced &= "synced".equals(user.path(STATE).path("state").asText());
            }
            if (allSynced || Instant.now().isAfter(deadline)) {
                for (JsonNode user : users) {
                    assertThat(user.path(STATE).path("state").asText()).as(user.toString()).isEqualTo("synced");
                }
                return users;
            }
            Thread.sleep(200);
        }
    }
}
