package io.tenantsync.gateway.scim;

import io.tenantsync.gateway.GatewayFixture;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.server.GatewayServer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Optional;

import static org.hamcrest.Matchers.equalTo;

/** A connection's own request-body limit: 413 with a SCIM error past it, nothing stored; other connections keep theirs. */
class RequestBodyLimitTest {
    @Test
    void aBodyOverTheConnectionsLimitIsRefusedWith413AndNothingIsStored() throws Exception {
        String a = SecretHash.newSecret(new SecureRandom());
        String b = SecretHash.newSecret(new SecureRandom());
        GatewayConfig config = GatewayConfig.parse(GatewayFixture.configYaml(a, b)
                .replace("    provisioningWait: PT2S\n", "    provisioningWait: PT2S\n    maxRequestBytes: 400\n"));
        String big = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"big@contoso.com","displayName":"%s"}
                """.formatted("x".repeat(500));
        String bulk = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"POST","path":"/Users","bulkId":"b1","data":%s}]}""".formatted(big);
        try (GatewayFixture gw = GatewayFixture.start(a, b,
                o -> new GatewayServer.Options(config, o.port(), o.dataDir(), o.provisioning(), o.limits(), o.tls()), Optional.empty())) {
            gw.alpha().body(big).post("/Users").then().statusCode(413)
                    .body("status", equalTo("413")).body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"));
            gw.alpha().body(bulk).post("/Bulk").then().statusCode(413);
            gw.alpha().queryParam("filter", "userName eq \"big@contoso.com\"").get("/Users").then().statusCode(200)
                    .body("totalResults", equalTo(0));
            gw.alpha().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"small@contoso.com\"}")
                    .post("/Users").then().statusCode(201);
            gw.beta().body(big).post("/Users").then().statusCode(201);
        }
    }
}
