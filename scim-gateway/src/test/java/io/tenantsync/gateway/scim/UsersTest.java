package io.tenantsync.gateway.scim;

import io.restassured.response.Response;
import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

class UsersTest {
    static GatewayFixture gw;

    @BeforeAll
    static void start() { gw = GatewayFixture.start(); }

    @AfterAll
    static void stop() { gw.close(); }

    private static String entraUser(String userName, String externalId) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"%s","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[], "addresses":null, "phoneNumbers":null, "title":null,
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","manager":null}}
                """.formatted(externalId, userName, userName);
    }

    @Test
    void entraCreateReturns201WithAbsoluteLocationMetaAndEtag() {
        Response r = gw.alpha().body(entraUser("create@contoso.com", "ext-create")).post("/Users");
        r.then().statusCode(201).contentType(startsWith("application/scim+json"))
                .body("id", notNullValue())
                .body("userName", equalTo("create@contoso.com"))
                .body("meta.resourceType", equalTo("User"))
                .body("meta.created", notNullValue())
                .body("meta.lastModified", notNullValue())
                .body("meta.version", equalTo("W/\"1\""))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.department", equalTo("Sales"))
                .body("'urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource'.state", equalTo("pending"))
                .body("schemas", hasItem("urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource"))
                .body("$", not(hasKey("title")));
        String id = r.path("id");
        assertThat(r.header("Location")).isEqualTo(gw.baseUrl() + "/Users/" + id);
        assertThat(r.header("ETag")).isEqualTo("W/\"1\"");
        assertThat((String) r.path("meta.location")).isEqualTo(gw.baseUrl() + "/Users/" + id);
    }

    @Test
    void plainApplicationJsonBodiesAreAccepted() {
        gw.alpha().contentType("application/json").body(entraUser("json@contoso.com", "ext-json")).post("/Users")
                .then().statusCode(201).contentType(startsWith("application/scim+json"));
    }

    @Test
    void charsetParametersAreIgnored() {
        gw.alpha().contentType("application/scim+json; charset=ISO-8859-1").body(entraUser("charset@contoso.com", "ext-cs")).post("/Users")
                .then().statusCode(201);
    }

    @Test
    void nonJsonBodiesAre415WithScimError() {
        gw.alpha().contentType("text/xml").body("<user/>").post("/Users")
                .then().statusCode(415).contentType(startsWith("application/scim+json")).body("status", equalTo("415"));
    }

    @Test
    void getByIdReturnsTheResourceAndUnknownIdIs404ScimError() {
        String id = gw.createUser("get@contoso.com");
        gw.alpha().get("/Users/" + id).then().statusCode(200).body("id", equalTo(id)).header("ETag", "W/\"1\"");
        gw.alpha().get("/Users/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:Error")))
                .body("status", equalTo("404"));
    }

    @Test
    void duplicateUserNameIs409UniquenessIgnoringCase() {
        gw.createUser("dup@contoso.com");
        gw.alpha().body(entraUser("DUP@Contoso.com", "other")).post("/Users").then().statusCode(409)
                .body("scimType", equalTo("uniqueness")).body("status", equalTo("409"));
    }

    @Test
    void missingUserNameIs400InvalidValueAndNothingIsStored() {
        gw.alpha().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"displayName\":\"nobody-x\"}").post("/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        gw.alpha().queryParam("filter", "displayName eq \"nobody-x\"").get("/Users").then().body("totalResults", equalTo(0));
    }

    @Test
    void malformedJsonIs400InvalidSyntax() {
        gw.alpha().body("{\"userName\": ").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        gw.alpha().body("[1,2]").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        gw.alpha().body("").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
    }

    @Test
    void wrongAttributeTypesAre400InvalidValue() {
        gw.alpha().body("{\"userName\": 42}").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        gw.alpha().body("{\"userName\": \"t@x\", \"active\": \"maybe\"}").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        gw.alpha().body("{\"userName\": \"t@x\", \"name\": \"flat\"}").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        gw.alpha().body("{\"userName\": \"t@x\", \"shoeSize\": 9}").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    void hugeValuesAre400AndHugeBodiesAre413() {
        gw.alpha().body("{\"userName\": \"" + "x".repeat(2000) + "\"}").post("/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        gw.alpha().body("{\"userName\": \"a\", \"title\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}").post("/Users").then().statusCode(413)
                .body("status", equalTo("413"));
    }

    @Test
    void stringBooleansFromEntraAreStoredAsBooleans() {
        gw.alpha().body("{\"userName\": \"strbool@contoso.com\", \"active\": \"False\"}").post("/Users")
                .then().statusCode(201).body("active", equalTo(false));
    }

    @Test
    void readOnlyAttributesSentByClientsAreIgnored() {
        gw.alpha().body("""
                {"userName":"ro@contoso.com","id":"client-chosen","groups":[{"value":"g"}],
                 "urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource":{"state":"synced","targetObjectId":"forged"}}
                """).post("/Users").then().statusCode(201)
                .body("id", not(equalTo("client-chosen")))
                .body("$", not(hasKey("groups")))
                .body("'urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource'.state", equalTo("pending"))
                .body("'urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource'.targetObjectId", nullValue());
    }

    @Test
    void passwordsAreNeverStoredNorReturned() {
        String id = gw.alpha().body("{\"userName\": \"pw@contoso.com\", \"password\": \"hunter2\"}").post("/Users")
                .then().statusCode(201).body("$", not(hasKey("password"))).extract().path("id");
        gw.alpha().get("/Users/" + id).then().body("$", not(hasKey("password")));
    }

    @Test
    void putReplacesTheResourceAndBumpsTheVersion() {
        String id = gw.createUser("put@contoso.com");
        gw.alpha().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"put2@contoso.com\",\"title\":\"Boss\"}")
                .put("/Users/" + id).then().statusCode(200)
                .body("userName", equalTo("put2@contoso.com")).body("title", equalTo("Boss"))
                .body("$", not(hasKey("emails"))).body("meta.version", equalTo("W/\"2\"")).header("ETag", "W/\"2\"");
    }

    @Test
    void deleteIs204ThenTheUserIs404AndASecondDeleteIs404() {
        String id = gw.createUser("del@contoso.com");
        gw.alpha().delete("/Users/" + id).then().statusCode(204);
        gw.alpha().get("/Users/" + id).then().statusCode(404);
        gw.alpha().delete("/Users/" + id).then().statusCode(404).body("status", equalTo("404"));
    }

    @Test
    void staleIfMatchIs412AndNothingChanges() {
        String id = gw.createUser("etag@contoso.com");
        gw.alpha().header("If-Match", "W/\"7\"").body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"X\"}]}")
                .patch("/Users/" + id).then().statusCode(412).body("status", equalTo("412"));
        gw.alpha().header("If-Match", "W/\"7\"").delete("/Users/" + id).then().statusCode(412);
        gw.alpha().get("/Users/" + id).then().statusCode(200).body("$", not(hasKey("title")));
        gw.alpha().header("If-Match", "W/\"1\"").body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"X\"}]}")
                .patch("/Users/" + id).then().statusCode(200).body("title", equalTo("X"));
    }

    @Test
    void currentIfNoneMatchIs304() {
        String id = gw.createUser("inm@contoso.com");
        gw.alpha().header("If-None-Match", "W/\"1\"").get("/Users/" + id).then().statusCode(304).header("ETag", "W/\"1\"");
        gw.alpha().header("If-None-Match", "W/\"0\"").get("/Users/" + id).then().statusCode(200);
    }

    @Test
    void attributesAndExcludedAttributesSelectWhatIsReturned() {
        String id = gw.createUser("sel@contoso.com");
        gw.alpha().queryParam("attributes", "userName,name.givenName").get("/Users/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("userName", equalTo("sel@contoso.com")).body("name.givenName", equalTo("G"))
                .body("name", not(hasKey("familyName"))).body("$", not(hasKey("emails"))).body("$", not(hasKey("meta")));
        gw.alpha().queryParam("excludedAttributes", "emails,name.familyName").get("/Users/" + id).then().statusCode(200)
                .body("$", not(hasKey("emails"))).body("name", not(hasKey("familyName"))).body("name.givenName", equalTo("G"))
                .body("userName", equalTo("sel@contoso.com"));
    }

    @Test
    void missingOrWrongCredentialsAre401WithWwwAuthenticate() {
        gw.anonymous().get("/Users").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(startsWith("application/scim+json")).body("status", equalTo("401"));
        gw.as("not-the-secret").get("/Users").then().statusCode(401).body("detail", not(org.hamcrest.Matchers.containsString("not-the-secret")));
    }

    @Test
    void unknownEndpointIs404ScimError() {
        gw.alpha().get("/Widgets").then().statusCode(404).body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:Error")));
    }
}
