package io.tenantsync.emulator.security;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.emulator.EmulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests get Graph 4xx errors, never a 5xx, and change nothing. */
class BadInputTest {
    static EmulatorFixture f;
    static String token;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        token = RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                .formParam("client_id", "contoso-admin").formParam("client_secret", "contoso-secret-value-0001")
                .formParam("scope", "https://graph.microsoft.com/.default")
                .post(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token").jsonPath().getString("access_token");
    }

    @AfterAll
    static void stop() { f.close(); }

    static RequestSpecification graph() {
        return RestAssured.given().relaxedHTTPSValidation().urlEncodingEnabled(false).header("Authorization", "Bearer " + token);
    }

    static long userCount() {
        return f.server.components().db().transaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM DIRECTORY_OBJECT")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static void assertGraphError(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.jsonPath().getString("error.code")).isNotBlank();
        assertThat(r.jsonPath().getString("error.message")).isNotBlank();
        assertThat(r.jsonPath().getString("error.innerError.request-id")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "{", "[]", "\"text\"", "null", "{\"displayName\":}", "{\"a\":1,\"a\":2}",
            "{\"accountEnabled\":\"yes\",\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"x@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"p\"}}",
            "{\"accountEnabled\":true,\"displayName\":5,\"mailNickname\":\"x\",\"userPrincipalName\":\"x@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"p\"}}",
            "{\"accountEnabled\":true,\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"x@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"p\"},\"favouriteColour\":\"red\"}",
            "{\"accountEnabled\":true,\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"x@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"p\"},\"creationType\":\"Invitation\"}",
            "{\"accountEnabled\":true,\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"x@contoso.onmicrosoft.com\"}",
            "{\"accountEnabled\":true,\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"a b@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"p\"}}",
            "{\"accountEnabled\":true,\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"x@elsewhere.example\",\"passwordProfile\":{\"password\":\"p\"}}",
            "{\"accountEnabled\":true,\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"x@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"p\"},\"onPremisesExtensionAttributes\":{\"extensionAttribute16\":\"x\"}}",
            "{\"accountEnabled\":true,\"displayName\":\"x\",\"mailNickname\":\"x\",\"userPrincipalName\":\"x@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"p\"},\"otherMails\":[1,2]}",
    })
    void malformedUserBodiesAre400AndStoreNothing(String body) {
        long before = userCount();
        Response r = graph().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post(f.graphRoot() + "/users");
        assertGraphError(r, 400);
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "{\"displayName\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertGraphError(graph().contentType("application/json").body(deep).post(f.graphRoot() + "/users"), 400);
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = {'{', '"', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertGraphError(graph().contentType("application/json").body(body).post(f.graphRoot() + "/users"), 400);
    }

    @Test
    void oversizeBodyIs413() {
        byte[] big = new byte[4 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        Response r = graph().contentType("application/json").body(big).post(f.graphRoot() + "/users");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$filter=mail%20eq", "$filter=mail%20eq%20'x'%20and", "$filter=((((", "$filter=mail%20eq%20'x'')",
            "$filter=foo%20eq%20'x'", "$filter=accountEnabled%20eq%20'yes'", "$filter=startsWith(accountEnabled,'x')",
            "$filter=mail%20eq%20'x';DROP%20TABLE%20DIRECTORY_OBJECT;--", "$filter=mail%20ne%20'x'",
            "$top=0", "$top=1000", "$top=abc", "$orderby=nosuch", "$orderby=displayName%20sideways", "$select=a,,b",
            "$skiptoken=garbage", "$skiptoken=X'b286bm90LWEtY3Vyc29y'", "$filter=otherMails/all(x:x%20eq%20'a')",
    })
    void invalidQueryOptionsAre400(String query) {
        Response r = graph().get(f.graphRoot() + "/users?" + query);
        assertGraphError(r, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-guid", "..%2F..%2Fetc%2Fpasswd", "00000000-0000-0000-0000-000000000000", "%27%20or%201%3D1"})
    void unknownOrHostileIdsAre404Or400(String id) {
        Response r = graph().get(f.graphRoot() + "/users/" + id);
        assertThat(r.statusCode()).isBetween(400, 404);
        assertThat(r.statusCode()).isNotEqualTo(401);
    }

    @Test
    void unknownRoutesAndMethodsAre4xx() {
        assertThat(graph().get(f.graphRoot() + "/nosuchthing").statusCode()).isEqualTo(400);
        assertThat(graph().put(f.graphRoot() + "/users").statusCode()).isEqualTo(405);
        assertThat(RestAssured.given().relaxedHTTPSValidation().get(f.authority() + "/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void errorsNeverEchoSecrets() {
        Response r = RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                .formParam("client_id", "contoso-admin").formParam("client_secret", "contoso-secret-value-WRONG")
                .post(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token");
        assertThat(r.asString()).doesNotContain("contoso-secret-value");
    }
}
