package io.tenantsync.gateway.scim;

import io.tenantsync.gateway.GatewayFixture;
import io.tenantsync.gateway.scim.ServiceLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** {@code /Bulk} with bulkId references, failOnErrors and enforced limits. */
class BulkTest {
    static GatewayFixture gw;

    @BeforeAll
    static void start() { gw = GatewayFixture.start(o -> o.withLimits(new ServiceLimits(200, 3, 4096))); }

    @AfterAll
    static void stop() { gw.close(); }

    @Test
    void forwardBulkIdReferencesInMembersResolve() {
        gw.alpha().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"g1","data":{"displayName":"Bulk Group","members":[{"value":"bulkId:u1"}]}},
                  {"method":"POST","path":"/Users","bulkId":"u1","data":{"userName":"bulk1@contoso.com"}},
                  {"method":"PATCH","path":"/Users/bulkId:u1","data":{"Operations":[{"op":"replace","path":"title","value":"Bulked"}]}}]}
                """).post("/Bulk").then().statusCode(200)
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:BulkResponse")))
                .body("Operations.status", equalTo(List.of("201", "201", "200")))
                .body("Operations[0].bulkId", equalTo("g1"))
                .body("Operations[0].location", startsWith(gw.baseUrl() + "/Groups/"))
                .body("Operations[1].version", equalTo("W/\"1\""));
        String userId = gw.alpha().queryParam("filter", "userName eq \"bulk1@contoso.com\"").get("/Users").then()
                .body("Resources[0].title", equalTo("Bulked")).extract().path("Resources[0].id");
        gw.alpha().queryParam("filter", "displayName eq \"Bulk Group\"").get("/Groups").then()
                .body("Resources[0].members.value", equalTo(List.of(userId)));
    }

    @Test
    void failOnErrorsStopsAfterThatManyFailures() {
        gw.alpha().body("""
                {"failOnErrors":1,"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"a","data":{"displayName":"no userName"}},
                  {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"never@contoso.com"}}]}
                """).post("/Bulk").then().statusCode(200)
                .body("Operations", hasSize(1))
                .body("Operations[0].status", equalTo("400"))
                .body("Operations[0].response.scimType", equalTo("invalidValue"));
        gw.alpha().queryParam("filter", "userName eq \"never@contoso.com\"").get("/Users").then().body("totalResults", equalTo(0));
    }

    @Test
    void withoutFailOnErrorsEveryOperationRunsAndDependentsOfFailuresFail() {
        gw.alpha().body("""
                {"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"x","data":{"userName":42}},
                  {"method":"POST","path":"/Groups","bulkId":"y","data":{"displayName":"Dependent","members":[{"value":"bulkId:x"}]}},
                  {"method":"DELETE","path":"/Users/nope"}]}
                """).post("/Bulk").then().statusCode(200)
                .body("Operations.status", equalTo(List.of("400", "409", "404")));
    }

    @Test
    void tooManyOperationsIs413NamingTheLimit() {
        gw.alpha().body("""
                {"Operations":[{"method":"DELETE","path":"/Users/1"},{"method":"DELETE","path":"/Users/2"},
                               {"method":"DELETE","path":"/Users/3"},{"method":"DELETE","path":"/Users/4"}]}
                """).post("/Bulk").then().statusCode(413).body("status", equalTo("413"))
                .body("detail", org.hamcrest.Matchers.containsString("maxOperations"));
    }

    @Test
    void oversizedPayloadIs413() {
        gw.alpha().body("{\"Operations\":[],\"pad\":\"" + "x".repeat(5000) + "\"}").post("/Bulk").then().statusCode(413);
    }

    @Test
    void advertisedLimitsAreTheEnforcedOnes() {
        gw.anonymous().get("/ServiceProviderConfig").then().body("bulk.maxOperations", equalTo(3)).body("bulk.maxPayloadSize", equalTo(4096));
    }

    @Test
    void circularReferencesFailWith409() {
        gw.alpha().body("""
                {"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"p","data":{"displayName":"P","members":[{"value":"bulkId:q"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"q","data":{"displayName":"Q","members":[{"value":"bulkId:p"}]}}]}
                """).post("/Bulk").then().statusCode(200).body("Operations.status", equalTo(List.of("409", "409")));
    }
}
