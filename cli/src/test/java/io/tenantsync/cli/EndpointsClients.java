package io.tenantsync.cli;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import io.tenantsync.emulator.tls.LoopbackCertificates;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The official SDKs configured from nothing but an endpoints file, the way the README tells a user to: the HTTPS
 * authority and one SSLContext trusting the written PEM, instance discovery off, the Graph host allowed, the base URL.
 */
final class EndpointsClients {
    private final JsonNode endpoints;

    EndpointsClients(Path endpointsFile) {
        try {
            this.endpoints = new ObjectMapper().readTree(endpointsFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode json() { return endpoints; }

    /** The tenant's id; {@code role} is {@code source} or {@code target}. */
    String tenantId(String role) { return endpoints.at("/tenants/" + role + "/tenantId").asText(); }

    private Path caCertificate() { return Path.of(endpoints.at("/graph/caCertificate").asText()); }

    SSLContext ssl() {
        try {
            return LoopbackCertificates.clientContextFor(caCertificate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ClientSecretCredential credential(String role) {
        JsonNode t = endpoints.at("/tenants/" + role);
        return new ClientSecretCredentialBuilder()
                .tenantId(t.get("tenantId").asText())
                .clientId(t.get("clientId").asText())
                .clientSecret(t.get("clientSecret").asText())
                .authorityHost(endpoints.at("/graph/authority").asText())
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ssl())).build())
                .disableInstanceDiscovery()
                .build();
    }

    /** An access token for Graph, obtained with the tenant's written credentials. */
    String token(String role) {
        return credential(role).getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default")).getToken();
    }

    GraphServiceClient graph(String role) {
        try {
            String baseUrl = endpoints.at("/graph/baseUrl").asText();
            var auth = new AzureIdentityAuthenticationProvider(credential(role), new String[]{URI.create(baseUrl).getHost()},
                    "https://graph.microsoft.com/.default");
            var http = GraphClientFactory.create(auth)
                    .sslSocketFactory(ssl().getSocketFactory(), LoopbackCertificates.trustManagerFor(caCertificate())).build();
            GraphServiceClient graph = new GraphServiceClient(auth, http);
            graph.getRequestAdapter().setBaseUrl(baseUrl);
            return graph;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
