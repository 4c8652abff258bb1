package io.tenantsync.emulator.policy;

import com.azure.core.credential.TokenRequestContext;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.sdk.SdkClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.tenantsync.emulator.EmulatorFixture.CONTOSO;
import static io.tenantsync.emulator.EmulatorFixture.FABRIKAM;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** Raw protocol checks: malformed bodies are 400s that change nothing, and apps without the role get 403. */
class PolicyRestTest {
    static EmulatorFixture f;
    static String adminToken, readerToken;
    static final String PARTNERS = "/v1.0/policies/crossTenantAccessPolicy/partners";

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        adminToken = token("contoso-admin", "contoso-secret-value-0001");
        readerToken = token("contoso-reader", "contoso-secret-value-0002");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String token(String clientId, String secret) {
        return SdkClients.credential(f, CONTOSO.toString(), clientId, secret)
                .getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default")).getToken();
    }

    static RequestSpecification as(String token) {
        return RestAssured.given().relaxedHTTPSValidation().baseUri(f.server.baseUri().toString())
                .header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown property | {\"tenantId\":\"" + "22222222-2222-4222-8222-222222222222" + "\",\"colour\":\"blue\"}",
            "tenantId missing | {\"isServiceProvider\":true}",
            "tenantId not a GUID | {\"tenantId\":\"fabrikam\"}",
            "tenantId a number | {\"tenantId\":42}",
            "consent flag a string | {\"tenantId\":\"22222222-2222-4222-8222-222222222222\",\"automaticUserConsentSettings\":{\"inboundAllowed\":\"yes\"}}",
            "unknown nested property | {\"tenantId\":\"22222222-2222-4222-8222-222222222222\",\"inboundTrust\":{\"isMfaAccepted\":true,\"x\":1}}",
            "bad accessType | {\"tenantId\":\"22222222-2222-4222-8222-222222222222\",\"b2bCollaborationInbound\":{\"usersAndGroups\":{\"accessType\":\"maybe\"}}}",
            "read-only property | {\"tenantId\":\"22222222-2222-4222-8222-222222222222\",\"isInMultiTenantOrganization\":true}",
            "not an object | [1,2]",
            "malformed JSON | {\"tenantId\":"})
    void badPartnerBodiesAreRejectedAndNothingIsWritten(String row, String body) {
        as(adminToken).body(body).post(PARTNERS).then().statusCode(400).body("error.code", org.hamcrest.Matchers.oneOf("Request_BadRequest", "BadRequest"));
        as(adminToken).get(PARTNERS).then().statusCode(200).body("value", empty());
    }

    @Test
    void badBodiesOnTheOtherPolicyResourcesAreRejected() {
        as(adminToken).body("{\"allowedCloudEndpoints\":[\"example.com\"]}").patch("/v1.0/policies/crossTenantAccessPolicy").then().statusCode(400);
        as(adminToken).body("{\"allowedCloudEndpoints\":\"microsoftonline.us\"}").patch("/v1.0/policies/crossTenantAccessPolicy").then().statusCode(400);
        as(adminToken).body("{\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}").patch("/v1.0/policies/crossTenantAccessPolicy/default")
                .then().statusCode(400).body("error.code", equalTo("Request_BadRequest"));
        as(adminToken).body("{\"isServiceDefault\":false}").patch("/v1.0/policies/crossTenantAccessPolicy/default").then().statusCode(400);
        as(adminToken).get("/v1.0/policies/crossTenantAccessPolicy/default").then().statusCode(200).body("isServiceDefault", equalTo(true));

        as(adminToken).body("{\"tenantId\":\"" + FABRIKAM + "\"}").post(PARTNERS).then().statusCode(201)
                .body("tenantId", equalTo(FABRIKAM.toString())).body("automaticUserConsentSettings.inboundAllowed", equalTo(null));
        String sync = PARTNERS + "/" + FABRIKAM + "/identitySynchronization";
        as(adminToken).body("{\"userSyncInbound\":{\"isSyncAllowed\":\"true\"}}").put(sync).then().statusCode(400);
        as(adminToken).body("{\"tenantId\":\"" + CONTOSO + "\",\"displayName\":\"x\"}").put(sync).then().statusCode(400);
        as(adminToken).get(sync).then().statusCode(404).body("error.code", equalTo("Directory_ObjectNotFound"));
        as(adminToken).body("{\"displayName\":\"Fabrikam\",\"userSyncInbound\":{\"isSyncAllowed\":true}}").patch(sync)
                .then().statusCode(404).body("error.code", equalTo("Directory_ObjectNotFound"));
        as(adminToken).body("{\"tenantId\":\"" + CONTOSO + "\"}").patch(PARTNERS + "/" + FABRIKAM).then().statusCode(400);
        as(adminToken).get(PARTNERS + "/not-a-guid").then().statusCode(400);
        as(adminToken).get(PARTNERS + "?$expand=manager").then().statusCode(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "address missing | {\"inviteRedirectUrl\":\"https://myapps.microsoft.com\"}",
            "address invalid | {\"invitedUserEmailAddress\":\"not-an-address\",\"inviteRedirectUrl\":\"https://myapps.microsoft.com\"}",
            "redirect missing | {\"invitedUserEmailAddress\":\"a@example.org\"}",
            "redirect not a URL | {\"invitedUserEmailAddress\":\"a@example.org\",\"inviteRedirectUrl\":\"myapps\"}",
            "unknown user type | {\"invitedUserEmailAddress\":\"a@example.org\",\"inviteRedirectUrl\":\"https://x.test\",\"invitedUserType\":\"Admin\"}",
            "unknown property | {\"invitedUserEmailAddress\":\"a@example.org\",\"inviteRedirectUrl\":\"https://x.test\",\"colour\":1}",
            "own domain | {\"invitedUserEmailAddress\":\"a@contoso.com\",\"inviteRedirectUrl\":\"https://x.test\"}",
            "flag of wrong type | {\"invitedUserEmailAddress\":\"a@example.org\",\"inviteRedirectUrl\":\"https://x.test\",\"sendInvitationMessage\":\"no\"}"})
    void badInvitationsAreRejectedAndCreateNoUser(String row, String body) {
        as(adminToken).body(body).post("/v1.0/invitations").then().statusCode(400);
        as(adminToken).get("/v1.0/users?$filter=creationType eq 'Invitation'").then().statusCode(200).body("value", empty());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /v1.0/policies/crossTenantAccessPolicy",
            "GET, /v1.0/policies/crossTenantAccessPolicy/default",
            "GET, /v1.0/policies/crossTenantAccessPolicy/partners",
            "POST, /v1.0/policies/crossTenantAccessPolicy/partners",
            "PATCH, /v1.0/policies/crossTenantAccessPolicy",
            "POST, /v1.0/invitations",
            "GET, /v1.0/auditLogs/directoryAudits",
            "GET, /v1.0/organization",
            "GET, /v1.0/domains"})
    void appWithoutTheRoleIsForbidden(String method, String path) {
        String body = method.equals("GET") ? null
                : path.endsWith("invitations") ? "{\"invitedUserEmailAddress\":\"a@example.org\",\"inviteRedirectUrl\":\"https://x.test\"}"
                : "{\"tenantId\":\"" + FABRIKAM + "\"}";
        var req = as(readerToken);
        if (body != null) req = req.body(body);
        req.request(method, path).then().statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"));
    }
}
