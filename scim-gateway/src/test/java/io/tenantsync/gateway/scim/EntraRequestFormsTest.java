package io.tenantsync.gateway.scim;

import static org.hamcrest.Matchers.equalTo;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request forms Entra sends that RFC 7644 does not define, which the gateway reads the way Entra means them. */
class EntraRequestFormsTest {
    static GatewayFixture gw;

    @BeforeAll
    static void start() {
        gw = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aSubAttributeAfterAValuePathFiltersAsAComparisonInsideIt() {
        gw.alpha().body("""
                {"userName":"ada@contoso.com","emails":[{"type":"work","value":"ada.work@contoso.com"},{"type":"home","value":"ada@home.example"}]}
                """).post("/Users").then().statusCode(201);

        gw.alpha().queryParam("filter", "emails[type eq \"work\"].value eq \"ada.work@contoso.com\"").get("/Users").then()
                .statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].userName", equalTo("ada@contoso.com"));
        gw.alpha().queryParam("filter", "emails[type eq \"work\"].value eq \"ada@home.example\"").get("/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));
    }

    @Test
    void anEnterpriseAttributeWithoutItsSchemaInAPatchPathIsTheEnterpriseOne() {
        String manager = gw.createUser("boss@contoso.com");
        String employee = gw.createUser("report@contoso.com");

        gw.alpha().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Add","path":"manager","value":[{"$ref":"http://x/Users/%s","value":"%s"}]},
                 {"op":"Replace","path":"department","value":"Research"}]}""".formatted(manager, manager))
                .patch("/Users/" + employee).then().statusCode(200)
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager.value", equalTo(manager))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.department", equalTo("Research"));
    }

    @Test
    void aNameNoSchemaHasIsStillAnInvalidPath() {
        String id = gw.createUser("nobody@contoso.com");
        gw.alpha().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"shoeSize","value":"42"}]}""")
                .patch("/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidPath"));
    }
}
