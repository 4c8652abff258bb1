package io.tenantsync.gateway.server;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Java's own HTTP client, which offers an h2c upgrade on every plain-HTTP request by default. */
class JavaHttpClientTest {
    @Test
    void postsFromAClientOfferingH2cAreAnsweredOverHttp11WithTheirBodyRead() throws Exception {
        try (GatewayFixture gw = GatewayFixture.start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/Users"))
                    .header("Authorization", "Bearer " + gw.secretA).header("Content-Type", "application/scim+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userName\":\"h2c@contoso.com\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.body()).contains("h2c@contoso.com");
        }
    }
}
