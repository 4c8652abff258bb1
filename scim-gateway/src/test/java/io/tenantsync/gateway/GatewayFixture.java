package io.tenantsync.gateway;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.server.GatewayServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/** A gateway on a free loopback port with two connections, and REST-assured requests authenticated for either. */
public final class GatewayFixture implements AutoCloseable {
    public static final String CONTENT_TYPE = "application/scim+json";
    public final String secretA;
    public final String secretB;
    public final GatewayServer server;

    private GatewayFixture(String secretA, String secretB, GatewayServer.Options options) {
        this.secretA = secretA;
        this.secretB = secretB;
        this.server = GatewayServer.start(options);
    }

    /** An in-memory gateway with default options. */
    public static GatewayFixture start() {
        return start(o -> o);
    }

    /** An in-memory gateway with options adjusted by {@code customise}. */
    public static GatewayFixture start(java.util.function.UnaryOperator<GatewayServer.Options> customise) {
        return start(customise, Optional.empty());
    }

    public static GatewayFixture start(java.util.function.UnaryOperator<GatewayServer.Options> customise, Optional<Path> dataDir) {
        String a = SecretHash.newSecret(new SecureRandom());
        String b = SecretHash.newSecret(new SecureRandom());
        return start(a, b, customise, dataDir);
    }

    /** A gateway accepting the given secrets (to reopen a data directory with the same credentials). */
    public static GatewayFixture start(String a, String b, java.util.function.UnaryOperator<GatewayServer.Options> customise, Optional<Path> dataDir) {
        return new GatewayFixture(a, b, customise.apply(GatewayServer.Options.of(config(a, b), 0, dataDir)));
    }

    /** The connection file text for two connections, "alpha" and "beta", with one bearer secret each. */
    public static String configYaml(String secretA, String secretB) {
        SecureRandom random = new SecureRandom();
        return """
                connections:
                  - id: alpha
                    sourceTenantId: 11111111-1111-1111-1111-111111111111
                    target:
                      authorityHost: https://login.microsoftonline.com
                      graphBaseUrl: https://graph.microsoft.com/v1.0
                      cloud: global
                      tenantId: 22222222-2222-2222-2222-222222222222
                      clientId: 33333333-3333-3333-3333-333333333333
                      clientSecret: target-app-secret
                    mappings:
                      user:
                        - target: displayName
                          source: displayName
                    deprovisioning:
                      onDelete: softDelete
                      onDeactivate: disable
                    provisioningWait: PT2S
                    authentication:
                      bearerSecretHashes:
                        - "%s"
                  - id: beta
                    sourceTenantId: 44444444-4444-4444-4444-444444444444
                    target:
                      authorityHost: https://login.microsoftonline.com
                      graphBaseUrl: https://graph.microsoft.com/v1.0
                      tenantId: 55555555-5555-5555-5555-555555555555
                      clientId: 66666666-6666-6666-6666-666666666666
                      clientSecret: other-app-secret
                    authentication:
                      bearerSecretHashes:
                        - "%s"
                """.formatted(SecretHash.of(secretA, random), SecretHash.of(secretB, random));
    }

    public static GatewayConfig config(String secretA, String secretB) {
        try {
            return GatewayConfig.parse(configYaml(secretA, secretB));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return server.baseUri().toString();
    }

    /** A request to connection alpha with a SCIM JSON body type and no charset added. */
    public RequestSpecification alpha() {
        return as(secretA);
    }

    public RequestSpecification beta() {
        return as(secretB);
    }

    public RequestSpecification as(String secret) {
        return anonymous().header("Authorization", "Bearer " + secret);
    }

    public RequestSpecification anonymous() {
        return RestAssured.given(new RequestSpecBuilder().setBaseUri(baseUrl())
                .setConfig(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .setContentType(CONTENT_TYPE).build());
    }

    /** Creates a user on alpha and returns its id. */
    public String createUser(String userName) {
        return alpha().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
                 "emails":[{"type":"work","value":"%s","primary":true}],"name":{"givenName":"G","familyName":"F"}}
                """.formatted(userName, userName)).post("/Users").then().statusCode(201).extract().path("id");
    }

    @Override
    public void close() {
        server.close();
    }
}
