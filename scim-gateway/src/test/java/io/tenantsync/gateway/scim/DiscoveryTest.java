package io.tenantsync.gateway.scim;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

class DiscoveryTest {
    static GatewayFixture gw;

    @BeforeAll
    static void start() { gw = GatewayFixture.start(); }

    @AfterAll
    static void stop() { gw.close(); }

    @Test
    void serviceProviderConfigAdvertisesExactlyWhatWorksWithExplicitBooleans() {
        gw.anonymous().get("/ServiceProviderConfig").then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")))
                .body("patch.supported", equalTo(true))
                .body("bulk.supported", equalTo(true))
                .body("bulk.maxOperations", equalTo(1000))
                .body("bulk.maxPayloadSize", equalTo(4194304))
                .body("filter.supported", equalTo(true))
                .body("filter.maxResults", equalTo(200))
                .body("changePassword.supported", equalTo(false))
                .body("sort.supported", equalTo(true))
                .body("etag.supported", equalTo(true))
                .body("authenticationSchemes[0].primary", equalTo(true))
                .body("authenticationSchemes[0].type", equalTo("oauthbearertoken"))
                .body("meta.location", equalTo(gw.baseUrl() + "/ServiceProviderConfig"));
    }

    @Test
    void everySchemaAttributeStatesItsBooleansExplicitly() {
        List<Map<String, Object>> schemas = gw.anonymous().get("/Schemas").then().statusCode(200)
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse")))
                .body("totalResults", equalTo(4))
                .extract().path("Resources");
        for (Map<String, Object> schema : schemas) {
            @SuppressWarnings("unchecked") List<Map<String, Object>> attributes = (List<Map<String, Object>>) schema.get("attributes");
            assertExplicit(attributes);
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertExplicit(List<Map<String, Object>> attributes) {
        for (Map<String, Object> a : attributes) {
            assertThat(a).containsKeys("name", "type", "multiValued", "required", "caseExact", "mutability", "returned", "uniqueness");
            if (a.get("subAttributes") != null) assertExplicit((List<Map<String, Object>>) a.get("subAttributes"));
        }
    }

    @Test
    void targetStateExtensionIsAdvertisedAsReadOnly() {
        gw.anonymous().get("/Schemas/urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource").then().statusCode(200)
                .body("attributes.name", hasItems("targetObjectId", "state", "lastAttempt", "lastError"))
                .body("attributes.mutability", everyItemIs("readOnly"));
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String v) {
        return org.hamcrest.Matchers.everyItem(equalTo(v));
    }

    @Test
    void resourceTypesListUsersAndGroupsWithTheirExtensions() {
        gw.anonymous().get("/ResourceTypes").then().statusCode(200)
                .body("totalResults", equalTo(2))
                .body("Resources.name", hasItems("User", "Group"))
                .body("Resources.find { it.name == 'User' }.endpoint", equalTo("/Users"))
                .body("Resources.find { it.name == 'User' }.schemaExtensions.schema",
                        hasItems("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
                .body("Resources.find { it.name == 'User' }.schemaExtensions.required", hasItems(false));
        gw.anonymous().get("/ResourceTypes/Group").then().statusCode(200).body("schema", equalTo("urn:ietf:params:scim:schemas:core:2.0:Group"));
    }

    @Test
    void unknownSchemaIs404WithScimError() {
        gw.anonymous().get("/Schemas/urn:nope").then().statusCode(404)
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:Error")))
                .body("status", equalTo("404"));
    }

    @Test
    void writesToDiscoveryEndpointsAre405WithScimError() {
        for (String path : List.of("/Schemas", "/ResourceTypes", "/ServiceProviderConfig")) {
            gw.alpha().body("{}").post(path).then().statusCode(405).contentType(startsWith("application/scim+json")).body("status", equalTo("405"));
            gw.alpha().body("{}").put(path).then().statusCode(405);
            gw.alpha().delete(path).then().statusCode(405);
        }
    }

    @Test
    void filteringDiscoveryEndpointsIsForbidden() {
        gw.anonymous().queryParam("filter", "name eq \"User\"").get("/Schemas").then().statusCode(403).body("status", equalTo("403"));
    }
}
