package io.tenantsync.emulator.security;

import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.sdk.SdkClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token of one tenant never reads or writes another tenant; tokens that are not the emulator's are refused. */
class TenantIsolationTest {
    static EmulatorFixture f;
    static GraphServiceClient contoso;
    static GraphServiceClient fabrikam;
    static String contosoUserId;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        contoso = SdkClients.contoso(f);
        fabrikam = SdkClients.fabrikam(f);
        contosoUserId = contoso.users().post(SdkClients.newMember("isolated")).getId();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void anotherTenantsUserIsNotFoundForReadUpdateOrDelete() {
        assertNotFound(() -> fabrikam.users().byUserId(contosoUserId).get());
        assertNotFound(() -> fabrikam.users().byUserId("isolated@contoso.onmicrosoft.com").get());
        User patch = new User();
        patch.setDisplayName("hijacked");
        assertNotFound(() -> fabrikam.users().byUserId(contosoUserId).patch(patch));
        assertNotFound(() -> fabrikam.users().byUserId(contosoUserId).delete());
        assertThat(contoso.users().byUserId(contosoUserId).get().getDisplayName()).isEqualTo("User isolated");
    }

    @Test
    void anotherTenantsUsersNeverAppearInListsOrFilters() {
        var page = fabrikam.users().get(rc -> rc.queryParameters.filter = "startsWith(userPrincipalName,'isolated')");
        assertThat(page.getValue()).isEmpty();
        assertThat(fabrikam.users().get().getValue()).extracting(User::getId).doesNotContain(contosoUserId);
    }

    @Test
    void creatingAUserInADomainOfAnotherTenantIsRefused() {
        User u = SdkClients.newMember("intruder");
        u.setUserPrincipalName("intruder@contoso.onmicrosoft.com");
        assertThatThrownBy(() -> fabrikam.users().post(u))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void anAppWithoutTheWriteRoleGets403AndWritesNothing() {
        GraphServiceClient reader = SdkClients.graph(f, EmulatorFixture.CONTOSO.toString(), "contoso-reader",
                "contoso-secret-value-0002", "https://graph.microsoft.com/.default");
        assertThat(reader.users().byUserId(contosoUserId).get().getId()).isEqualTo(contosoUserId);
        assertThatThrownBy(() -> reader.users().post(SdkClients.newMember("notallowed")))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(403);
                    assertThat(e.getError().getCode()).isEqualTo("Authorization_RequestDenied");
                });
        assertThat(contoso.users().get(rc -> rc.queryParameters.filter = "mailNickname eq 'notallowed'").getValue()).isEmpty();
    }

    @Test
    void aTokenForTheUsGovCloudIsRefusedForTheGlobalGraphScope() {
        GraphServiceClient wrongScope = SdkClients.graph(f, EmulatorFixture.WOODGROVE.toString(), "woodgrove-admin",
                "woodgrove-secret-value-0001", "https://graph.microsoft.com/.default");
        assertThatThrownBy(() -> wrongScope.users().get()).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("AADSTS");
        GraphServiceClient rightScope = SdkClients.graph(f, EmulatorFixture.WOODGROVE.toString(), "woodgrove-admin",
                "woodgrove-secret-value-0001", "https://graph.microsoft.us/.default");
        assertThat(rightScope.users().get().getValue()).isEmpty();
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(404);
            assertThat(e.getError().getCode()).isEqualTo("Request_ResourceNotFound");
        });
    }

    // --- raw tokens: what a forged or foreign token gets

    private static Response getUsers(String authorization) {
        var req = RestAssured.given().relaxedHTTPSValidation();
        if (authorization != null) req = req.header("Authorization", authorization);
        return req.get(f.graphRoot() + "/users");
    }

    private static JWTClaimsSet.Builder claims(String tid, String aud) {
        return new JWTClaimsSet.Builder().issuer("https://sts.windows.net/" + tid + "/").audience(aud)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("tid", tid).claim("appid", "contoso-admin")
                .claim("roles", List.of("User.ReadWrite.All"));
    }

    @Test
    void missingMalformedUnsignedAndForeignlySignedTokensAre401() throws Exception {
        assertThat(getUsers(null).statusCode()).isEqualTo(401);
        assertThat(getUsers(null).jsonPath().getString("error.code")).isEqualTo("InvalidAuthenticationToken");
        assertThat(getUsers("Bearer not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(getUsers("Basic Zm9vOmJhcg==").statusCode()).isEqualTo(401);

        String tid = EmulatorFixture.CONTOSO.toString();
        String unsigned = new PlainJWT(claims(tid, "https://graph.microsoft.com").build()).serialize();
        assertThat(getUsers("Bearer " + unsigned).statusCode()).isEqualTo(401);

        var foreignKey = new RSAKeyGenerator(2048).keyID("attacker").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("attacker").build(),
                claims(tid, "https://graph.microsoft.com").build());
        forged.sign(new RSASSASigner(foreignKey));
        assertThat(getUsers("Bearer " + forged.serialize()).statusCode()).isEqualTo(401);
    }

    @Test
    void validTokensWithWrongAudienceOrExpiredLifetimeAre401() throws Exception {
        var key = f.server.components().tokens();
        // a genuinely issued token, replayed after tampering with its payload, fails the signature check
        String token = RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                .formParam("client_id", "contoso-admin").formParam("client_secret", "contoso-secret-value-0001")
                .formParam("scope", "https://graph.microsoft.com/.default")
                .post(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token").jsonPath().getString("access_token");
        assertThat(getUsers("Bearer " + token).statusCode()).isEqualTo(200);
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String otherTenant = payload.replace(EmulatorFixture.CONTOSO.toString(), EmulatorFixture.FABRIKAM.toString());
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(otherTenant.getBytes()) + "." + parts[2];
        assertThat(getUsers("Bearer " + tampered).statusCode()).isEqualTo(401);
        assertThat(key).isNotNull();
    }
}
