package io.tenantsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.models.CrossTenantAccessPolicyConfigurationPartner;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tenantsync demo} with seeding: sample users in contoso and the cross-tenant access policies in both tenants.
 * <p>
 * Seeding configures cross-tenant access over Graph ({@code /policies/crossTenantAccessPolicy/partners…}), so every
 * test here needs the emulator's cross-tenant access policy endpoints; without them the demo exits 1 naming the
 * request that failed.
 */
@Tag("needs-cross-tenant-access-policy")
class SeededDemoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void onceSeedsContosoWritesAValidEndpointsFileAndExitsZero() throws Exception {
        Path file = tmp.resolve("ep.json");
        CliRun.Result r = CliRun.run("demo", "--once", "--port-base", "0", "--endpoints-file", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(EndpointsSchema.load().violations(JSON.readTree(file.toFile()))).isEmpty();
        assertThat(r.out()).contains("seeded      25 users in contoso")
                .contains("created 25, updated 0, skipped 0, failed 0")
                .contains("]  25/25 users");
    }

    @Test
    void theSdkListsTheSeededUsersWithTheWrittenCredentials() throws Exception {
        Path file = tmp.resolve("ep.json");
        try (CliRun.Serving demo = CliRun.serve("demo", "--port-base", "0", "--endpoints-file", file.toString())) {
            EndpointsClients clients = new EndpointsClients(file);
            assertThat(clients.token("source")).isNotBlank();

            List<User> users = clients.graph("source").users().get(r -> r.queryParameters.top = 100).getValue();
            assertThat(users).hasSize(DemoCommand.SEED_USERS)
                    .allSatisfy(u -> assertThat(u.getUserPrincipalName()).matches("user\\d+@contoso\\.onmicrosoft\\.com"));
            List<User> synced = clients.graph("target").users().get(r -> {
                r.queryParameters.top = 100;
                r.queryParameters.select = new String[] {"userPrincipalName", "userType", "companyName"};
            }).getValue();
            assertThat(synced).as("the first cycle made every user of the assigned group a B2B member")
                    .hasSize(DemoCommand.SEED_USERS)
                    .allSatisfy(u -> {
                        assertThat(u.getUserPrincipalName()).matches("user\\d+_contoso\\.onmicrosoft\\.com#EXT#@fabrikam\\.onmicrosoft\\.com");
                        assertThat(u.getUserType()).isEqualTo("Member");
                        assertThat(u.getCompanyName()).isEqualTo("Contoso (Synced)");
                    });
            assertThat(demo.stop()).isZero();
        }
    }

    @Test
    void aUserPushedToTheDemoGatewayAppearsInFabrikamAsAB2bMember() throws Exception {
        Path file = tmp.resolve("ep.json");
        try (CliRun.Serving demo = CliRun.serve("demo", "--port-base", "0", "--endpoints-file", file.toString())) {
            EndpointsClients clients = new EndpointsClients(file);
            JsonNode ep = clients.json();
            var post = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(ep.at("/scim/baseUrl").asText() + "/Users"))
                    .header("Authorization", "Bearer " + ep.at("/scim/token").asText())
                    .header("Content-Type", "application/scim+json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@contoso.com",
                             "displayName":"Ada Lovelace","active":true,
                             "emails":[{"type":"work","value":"ada@contoso.com","primary":true}]}"""))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as(post.body()).isEqualTo(201);

            List<User> target = clients.graph("target").users().get(r -> {
                r.queryParameters.select = new String[] {"userPrincipalName", "userType"};
                r.queryParameters.filter = "userPrincipalName eq 'ada_contoso.com#EXT#@fabrikam.onmicrosoft.com'";
            }).getValue();
            assertThat(target).singleElement().satisfies(u -> {
                assertThat(u.getUserPrincipalName()).isEqualTo("ada_contoso.com#EXT#@fabrikam.onmicrosoft.com");
                assertThat(u.getUserType()).isEqualTo("Member");
            });
            assertThat(demo.stop()).isZero();
        }
    }

    @Test
    void targetAllowsInboundSyncAndConsentAndSourceAllowsOutboundConsent() throws Exception {
        Path file = tmp.resolve("ep.json");
        try (CliRun.Serving demo = CliRun.serve("demo", "--port-base", "0", "--endpoints-file", file.toString())) {
            EndpointsClients clients = new EndpointsClients(file);
            assertConsented(clients);
        }
    }

    @Test
    void restartWithTheSameDataDirKeepsIdsSecretsUsersAndPoliciesWithoutReseeding() throws Exception {
        Path data = tmp.resolve("data");
        Path first = tmp.resolve("first.json"), second = tmp.resolve("second.json");
        CliRun.Result once = CliRun.run("demo", "--once", "--port-base", "0", "--data-dir", data.toString(),
                "--endpoints-file", first.toString());
        assertThat(once.exitCode()).as(once.err()).isZero();

        try (CliRun.Serving demo = CliRun.serve("demo", "--port-base", "0", "--data-dir", data.toString(),
                "--endpoints-file", second.toString())) {
            assertThat(JSON.readTree(second.toFile()).get("tenants")).isEqualTo(JSON.readTree(first.toFile()).get("tenants"));
            assertThat(demo.out()).contains("seeded      0 users in contoso (kept from the earlier run)");
            EndpointsClients clients = new EndpointsClients(second);
            assertThat(clients.graph("source").users().get(r -> r.queryParameters.top = 100).getValue()).hasSize(DemoCommand.SEED_USERS);
            assertConsented(clients);
        }
    }

    private static void assertConsented(EndpointsClients clients) {
        String source = clients.tenantId("source"), target = clients.tenantId("target");
        GraphServiceClient fabrikam = clients.graph("target");
        var inbound = fabrikam.policies().crossTenantAccessPolicy().partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(source);
        assertThat(inbound.identitySynchronization().get().getUserSyncInbound().getIsSyncAllowed()).isTrue();
        assertThat(inbound.get().getAutomaticUserConsentSettings().getInboundAllowed()).isTrue();

        CrossTenantAccessPolicyConfigurationPartner outbound = clients.graph("source").policies().crossTenantAccessPolicy()
                .partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(target).get();
        assertThat(outbound.getAutomaticUserConsentSettings().getOutboundAllowed()).isTrue();
    }
}
