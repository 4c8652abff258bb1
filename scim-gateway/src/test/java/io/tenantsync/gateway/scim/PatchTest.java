package io.tenantsync.gateway.scim;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** PATCH as RFC 7644 §3.5.2 defines it and as Entra, the Microsoft validator and other clients actually send it. */
class PatchTest {
    static GatewayFixture gw;
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @BeforeAll
    static void start() { gw = GatewayFixture.start(); }

    @AfterAll
    static void stop() { gw.close(); }

    private static io.restassured.response.ValidatableResponse patch(String id, String operations) {
        return gw.alpha().body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}")
                .patch("/Users/" + id).then();
    }

    @Test
    void entraCapitalisedReplaceWithStringFalseDisablesTheUser() {
        String id = gw.createUser("disable@contoso.com");
        patch(id, "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]").statusCode(200).body("active", equalTo(false));
        patch(id, "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]").statusCode(200).body("active", equalTo(true));
    }

    @Test
    void entraMultiValuedAndSingleValuedReplaceInOneRequest() {
        String id = gw.createUser("multi@contoso.com");
        patch(id, """
                [{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
                 {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]""").statusCode(200)
                .body("emails.find { it.type == 'work' }.value", equalTo("updatedEmail@microsoft.com"))
                .body("emails", hasSize(1))
                .body("name.familyName", equalTo("updatedFamilyName"));
        gw.alpha().queryParam("filter", "emails.value eq \"updatedemail@microsoft.com\"").get("/Users").then().body("totalResults", equalTo(1));
    }

    @Test
    void addOnAnAbsentFilteredItemCreatesIt() {
        String id = gw.alpha().body("{\"userName\":\"nowork@contoso.com\"}").post("/Users").then().statusCode(201).extract().path("id");
        patch(id, "[{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@contoso.com\"}]").statusCode(200)
                .body("emails", equalTo(List.of(java.util.Map.of("type", "work", "value", "new@contoso.com"))));
        patch(id, "[{\"op\":\"Replace\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"+1 555\"}]").statusCode(200)
                .body("phoneNumbers[0].type", equalTo("mobile")).body("phoneNumbers[0].value", equalTo("+1 555"));
    }

    @Test
    void managerAsBareStringAsValueObjectAndEmptyStringRemoval() {
        String manager = gw.createUser("boss@contoso.com");
        String id = gw.createUser("report@contoso.com");
        patch(id, "[{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"" + manager + "\"}]").statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(manager));
        patch(id, "[{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":{\"value\":\"other\"}}]").statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo("other"));
        // Entra's walkthrough sends it unqualified; RFC 7644 §3.10 only says extension names SHOULD be qualified
        patch(id, "[{\"op\":\"Add\",\"path\":\"manager\",\"value\":[{\"$ref\":null,\"value\":\"" + manager + "\"}]}]").statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(manager));
        patch(id, "[{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"\"}]").statusCode(200)
                .body("$", not(hasKey(ENTERPRISE)));
    }

    @Test
    void pathlessValueMapWithDottedAndUrnPrefixedKeys() {
        String id = gw.createUser("pathless@contoso.com");
        patch(id, """
                [{"op":"replace","value":{"displayName":"New Name","name.givenName":"Newgiven","name.familyName":"Newfamily",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}, "active":"False"}}]""").statusCode(200)
                .body("displayName", equalTo("New Name"))
                .body("name.givenName", equalTo("Newgiven")).body("name.familyName", equalTo("Newfamily"))
                .body("'" + ENTERPRISE + "'.employeeNumber", equalTo("42"))
                .body("'" + ENTERPRISE + "'.department", equalTo("R&D"))
                .body("active", equalTo(false))
                .body("schemas", org.hamcrest.Matchers.hasItem(ENTERPRISE));
    }

    @Test
    void oneElementArraysForSingleValuedAttributesAreUnwrapped() {
        String id = gw.createUser("array@contoso.com");
        patch(id, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":[false]},{\"op\":\"replace\",\"path\":\"title\",\"value\":[\"Dr\"]}]")
                .statusCode(200).body("active", equalTo(false)).body("title", equalTo("Dr"));
        patch(id, "[{\"op\":\"replace\",\"path\":\"title\",\"value\":[\"a\",\"b\"]}]").statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    void anEmptyOperationsListChangesNothing() {
        String id = gw.createUser("empty@contoso.com");
        patch(id, "[]").statusCode(200).body("meta.version", equalTo("W/\"1\""));
    }

    @Test
    void addReplaceAndRemoveOnPlainPaths() {
        String id = gw.createUser("plain@contoso.com");
        patch(id, "[{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"Babs\"}]").statusCode(200).body("nickName", equalTo("Babs"));
        patch(id, "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"type\":\"home\",\"value\":\"h@home.example\"}]}]").statusCode(200)
                .body("emails", hasSize(2));
        patch(id, "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}]").statusCode(200).body("emails", hasSize(1));
        patch(id, "[{\"op\":\"remove\",\"path\":\"nickName\"}]").statusCode(200).body("$", not(hasKey("nickName")));
        patch(id, "[{\"op\":\"replace\",\"path\":\"title\",\"value\":null}]").statusCode(200).body("$", not(hasKey("title")));
        patch(id, "[{\"op\":\"replace\",\"path\":\"name.middleName\",\"value\":\"\"}]").statusCode(200).body("name.middleName", equalTo(""));
    }

    @Test
    void userNameCanBeReplacedAndStaysUnique() {
        String id = gw.createUser("rename@contoso.com");
        gw.createUser("taken@contoso.com");
        patch(id, "[{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"renamed@contoso.com\"}]").statusCode(200).body("userName", equalTo("renamed@contoso.com"));
        patch(id, "[{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"TAKEN@contoso.com\"}]").statusCode(409).body("scimType", equalTo("uniqueness"));
        gw.alpha().get("/Users/" + id).then().body("userName", equalTo("renamed@contoso.com"));
    }

    @Test
    void invalidPatchesAreRefusedWithTheRightScimTypeAndChangeNothing() {
        String id = gw.createUser("badpatch@contoso.com");
        patch(id, "[{\"op\":\"frobnicate\",\"path\":\"title\",\"value\":\"x\"}]").statusCode(400).body("scimType", equalTo("invalidSyntax"));
        patch(id, "[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}]").statusCode(400).body("scimType", equalTo("invalidPath"));
        patch(id, "[{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"x\"}]").statusCode(400).body("scimType", equalTo("invalidPath"));
        patch(id, "[{\"op\":\"remove\"}]").statusCode(400).body("scimType", equalTo("noTarget"));
        patch(id, "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]").statusCode(400).body("scimType", equalTo("mutability"));
        patch(id, "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"ok\"},{\"op\":\"remove\",\"path\":\"userName\"}]").statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        gw.alpha().body("{\"Operations\":{}}").patch("/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        gw.alpha().get("/Users/" + id).then().body("$", not(hasKey("title"))).body("meta.version", equalTo("W/\"1\""));
    }

    @Test
    void writesToReadOnlyAttributesAreRefusedWithMutabilityAndChangeNothing() {
        String id = gw.createUser("forge@contoso.com");
        patch(id, "[{\"op\":\"replace\",\"path\":\"urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource:state\",\"value\":\"synced\"}]")
                .statusCode(400).body("scimType", equalTo("mutability"));
        patch(id, "[{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"2020-01-01T00:00:00Z\"}]")
                .statusCode(400).body("scimType", equalTo("mutability"));
        gw.alpha().get("/Users/" + id).then().statusCode(200).body("meta.version", equalTo("W/\"1\""))
                .body("'urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource'.state", equalTo("pending"));
    }

    @Test
    void addAndReplaceWithoutAValueAndBodiesDeclaringAnotherMessageAreRefused() {
        String id = gw.createUser("novalue@contoso.com");
        patch(id, "[{\"op\":\"add\",\"path\":\"title\"}]").statusCode(400).body("scimType", equalTo("invalidValue"));
        gw.alpha().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}")
                .patch("/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        gw.alpha().get("/Users/" + id).then().statusCode(200).body("meta.version", equalTo("W/\"1\""));
    }

    @Test
    void patchOnAMissingUserIs404() {
        patch("missing", "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]").statusCode(404);
    }
}
