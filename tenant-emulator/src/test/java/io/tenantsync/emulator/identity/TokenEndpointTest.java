package io.tenantsync.emulator.identity;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.emulator.EmulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The v2.0 token endpoint speaks the client-credentials grant and fails the way Entra does (AADSTS codes). */
class TokenEndpointTest {
    static EmulatorFixture f;

    @BeforeAll
    static void start() { f = new EmulatorFixture(); }

    @AfterAll
    static void stop() { f.close(); }

    static RequestSpecification form() {
        return RestAssured.given().relaxedHTTPSValidation().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("scope", "https://graph.microsoft.com/.default openid profile offline_access");
    }

    static Response post(RequestSpecification spec, String tenant) {
        return spec.post(f.authority() + "/" + tenant + "/oauth2/v2.0/token");
    }

    @Test
    void secretInTheBodyYieldsABearerJwtAndEchoesTheClientRequestId() {
        Response r = post(form().header("client-request-id", "abc-123").formParam("client_id", "contoso-admin")
                .formParam("client_secret", "contoso-secret-value-0001"), EmulatorFixture.CONTOSO.toString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("client-request-id")).isEqualTo("abc-123");
        assertThat(r.jsonPath().getString("token_type")).isEqualTo("Bearer");
        assertThat(r.jsonPath().getInt("expires_in")).isEqualTo(3599);
        assertThat(r.jsonPath().getString("access_token").split("\\.")).hasSize(3);
    }

    @Test
    void secretInBasicAuthAndTenantByDomainAreAccepted() {
        String basic = Base64.getEncoder().encodeToString("fabrikam-admin:fabrikam-secret-value-0001".getBytes(StandardCharsets.UTF_8));
        Response r = post(form().header("Authorization", "Basic " + basic), "fabrikam.onmicrosoft.com");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecretIsInvalidClient7000215() {
        Response r = post(form().formParam("client_id", "contoso-admin").formParam("client_secret", "nope"), EmulatorFixture.CONTOSO.toString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.jsonPath().getString("error")).isEqualTo("invalid_client");
        assertThat(r.jsonPath().getList("error_codes", Integer.class)).containsExactly(7000215);
        assertThat(r.jsonPath().getString("error_description")).startsWith("AADSTS7000215").doesNotContain("contoso-secret-value");
    }

    @Test
    void anAppOfAnotherTenantIsUnauthorizedClient700016() {
        Response r = post(form().formParam("client_id", "fabrikam-admin").formParam("client_secret", "fabrikam-secret-value-0001"),
                EmulatorFixture.CONTOSO.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("error")).isEqualTo("unauthorized_client");
        assertThat(r.jsonPath().getList("error_codes", Integer.class)).containsExactly(700016);
    }

    @Test
    void unknownTenantIsInvalidTenant90002() {
        Response r = post(form().formParam("client_id", "x").formParam("client_secret", "y"), "99999999-9999-4999-8999-999999999999");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("error")).isEqualTo("invalid_tenant");
    }

    @Test
    void aScopeOtherThanGraphDefaultIsInvalidScope() {
        Response r = RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                .formParam("client_id", "contoso-admin").formParam("client_secret", "contoso-secret-value-0001")
                .formParam("scope", "User.Read").post(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("error")).isEqualTo("invalid_scope");
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        Response r = RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "password")
                .formParam("client_id", "contoso-admin").post(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("error")).isEqualTo("unsupported_grant_type");
    }

    @Test
    void openIdConfigurationJwksAndInstanceDiscoveryAreServed() {
        Response oidc = RestAssured.given().relaxedHTTPSValidation()
                .get(f.authority() + "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration");
        assertThat(oidc.statusCode()).isEqualTo(200);
        assertThat(oidc.jsonPath().getString("token_endpoint")).isEqualTo(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token");
        String jwksUri = oidc.jsonPath().getString("jwks_uri");
        Response jwks = RestAssured.given().relaxedHTTPSValidation().get(jwksUri);
        assertThat(jwks.jsonPath().getList("keys")).hasSize(1);
        assertThat(jwks.jsonPath().getString("keys[0].kty")).isEqualTo("RSA");
        assertThat(jwks.asString()).doesNotContain("\"d\"");
        Response disco = RestAssured.given().relaxedHTTPSValidation().get(f.authority() + "/common/discovery/instance?api-version=1.1");
        assertThat(disco.jsonPath().getString("api-version")).isEqualTo("1.1");
    }
}
