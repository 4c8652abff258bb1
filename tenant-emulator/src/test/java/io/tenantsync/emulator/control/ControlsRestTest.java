package io.tenantsync.emulator.control;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.config.TenantConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The /_emulator controls over raw HTTP: who may call them, what bad bodies get, and what reset, seed and throttle do. */
class ControlsRestTest {
    static EmulatorFixture f;
    static String tenantToken;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        TenantConfig contoso = f.config.tenant("contoso").orElseThrow();
        tenantToken = f.server.components().tokens().issue(contoso, contoso.apps().get(0));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void clean() {
        control().post("/_emulator/reset").then().statusCode(200);
    }

    static RequestSpecification http() {
        return RestAssured.given().relaxedHTTPSValidation().baseUri(f.server.baseUri().toString());
    }

    static RequestSpecification control() {
        return http().header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN).contentType("application/json");
    }

    static RequestSpecification graph() {
        return http().header("Authorization", "Bearer " + tenantToken).contentType("application/json");
    }

    static String user(String alias) {
        return "{\"accountEnabled\":true,\"displayName\":\"" + alias + "\",\"mailNickname\":\"" + alias + "\",\"userPrincipalName\":\""
                + alias + "@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"Secret!123\"}}";
    }

    record Call(String method, String path, String body) {}

    static final List<Call> CONTROLS = List.of(
            new Call("GET", "/_emulator/throttle", null),
            new Call("PUT", "/_emulator/throttle", "{\"profile\":\"off\"}"),
            new Call("GET", "/_emulator/faults", null),
            new Call("POST", "/_emulator/faults", "{\"match\":{\"pathPattern\":\"/**\"},\"action\":{\"status\":500}}"),
            new Call("DELETE", "/_emulator/faults", null),
            new Call("GET", "/_emulator/faults/x", null),
            new Call("DELETE", "/_emulator/faults/x", null),
            new Call("POST", "/_emulator/reset", null),
            new Call("POST", "/_emulator/tenants/contoso/seed", "{\"users\":1}"),
            new Call("GET", "/_emulator/journal", null));

    static Response send(RequestSpecification spec, Call c) {
        if (c.body() != null) spec = spec.contentType("application/json").body(c.body());
        return spec.request(c.method(), c.path());
    }

    @Test
    void everyControlRefusesCallersWithoutTheControlTokenIncludingTenantAccessTokens() {
        graph().body(user("keep")).post("/v1.0/users").then().statusCode(201);
        for (Call c : CONTROLS) {
            for (RequestSpecification spec : List.of(http(), http().header("Authorization", "Bearer " + tenantToken),
                    http().header("Authorization", "Bearer wrong-" + EmulatorFixture.CONTROL_TOKEN),
                    http().header("Authorization", EmulatorFixture.CONTROL_TOKEN))) {
                Response r = send(spec, c);
                assertThat(r.statusCode()).as(c.toString()).isEqualTo(401);
                assertThat(r.jsonPath().getString("error.code")).as(c.toString()).isEqualTo("unauthorized");
            }
        }
        // nothing was changed by the refused calls
        assertThat(control().get("/_emulator/faults").jsonPath().getList("value")).isEmpty();
        assertThat(graph().get("/v1.0/users").jsonPath().getList("value")).hasSize(1);
    }

    @Test
    void malformedControlBodiesAre400sWithAJsonError() {
        List<Call> bad = List.of(
                new Call("PUT", "/_emulator/throttle", "not json"),
                new Call("PUT", "/_emulator/throttle", "[1,2]"),
                new Call("PUT", "/_emulator/throttle", ""),
                new Call("PUT", "/_emulator/throttle", "{\"profile\":\"turbo\"}"),
                new Call("PUT", "/_emulator/throttle", "{\"profile\":\"custom\",\"requestsPerSecond\":-1}"),
                new Call("PUT", "/_emulator/throttle", "{\"profile\":\"off\",\"profile\":\"custom\"}"),
                new Call("POST", "/_emulator/faults", "{\"match\":"),
                new Call("POST", "/_emulator/faults", "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":418}}"),
                new Call("POST", "/_emulator/faults", "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500,\"rate\":\"often\"}}"),
                new Call("POST", "/_emulator/tenants/contoso/seed", "{\"users\":0}"),
                new Call("POST", "/_emulator/tenants/contoso/seed", "{\"users\":200001}"),
                new Call("POST", "/_emulator/tenants/contoso/seed", "{\"users\":\"ten\"}"),
                new Call("POST", "/_emulator/tenants/contoso/seed", "{\"users\":5,\"prefix\":\"bad prefix@\"}"),
                new Call("POST", "/_emulator/tenants/contoso/seed", "{\"users\":5,\"colour\":\"red\"}"),
                new Call("POST", "/_emulator/tenants/contoso/seed", "{\"users\":1e40}"));
        for (Call c : bad) {
            Response r = send(control(), c);
            assertThat(r.statusCode()).as(c.toString()).isEqualTo(400);
            assertThat(r.jsonPath().getString("error.code")).as(c.toString()).isNotBlank();
            assertThat(r.jsonPath().getString("error.message")).as(c.toString()).isNotBlank();
        }
        assertThat(control().get("/_emulator/throttle").jsonPath().getString("profile")).isEqualTo("off");
        assertThat(control().get("/_emulator/faults").jsonPath().getList("value")).isEmpty();
        assertThat(control().get("/_emulator/faults/nope").statusCode()).isEqualTo(404);
        assertThat(control().body("{\"users\":1}").post("/_emulator/tenants/nowhere/seed").statusCode()).isEqualTo(404);
    }

    @Test
    void faultRulesAreListedFetchedAndDeletedOneByOne() {
        String id = control().body("{\"match\":{\"method\":\"get\",\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":503,\"retryAfterSeconds\":2}}")
                .post("/_emulator/faults").then().statusCode(201).extract().jsonPath().getString("id");
        control().body("{\"match\":{\"pathPattern\":\"/v1.0/groups\"},\"action\":{\"status\":500,\"nth\":2}}").post("/_emulator/faults").then().statusCode(201);
        assertThat(control().get("/_emulator/faults").jsonPath().getList("value")).hasSize(2);

        Response throttled = graph().get("/v1.0/users");
        assertThat(throttled.statusCode()).isEqualTo(503);
        assertThat(throttled.header("Retry-After")).isEqualTo("2");
        assertThat(throttled.jsonPath().getString("error.code")).isEqualTo("serviceNotAvailable");
        Response rule = control().get("/_emulator/faults/" + id);
        assertThat(rule.jsonPath().getString("match.method")).isEqualTo("GET");
        assertThat(rule.jsonPath().getInt("injected")).isEqualTo(1);

        control().delete("/_emulator/faults/" + id).then().statusCode(204);
        control().delete("/_emulator/faults/" + id).then().statusCode(404);
        assertThat(graph().get("/v1.0/users").statusCode()).isEqualTo(200);
        assertThat(control().get("/_emulator/faults").jsonPath().getList("value")).hasSize(1);
    }

    @Test
    void customThrottlingAnswers429WithRetryAfterAndThrottleHeaders() {
        control().body("{\"profile\":\"custom\",\"requestsPerSecond\":0.25,\"burst\":2}").put("/_emulator/throttle")
                .then().statusCode(200);
        assertThat(control().get("/_emulator/throttle").jsonPath().getDouble("requestsPerSecond")).isEqualTo(0.25);
        Response first = graph().get("/v1.0/users");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.header("x-ms-resource-unit")).isEqualTo("2");
        assertThat(graph().get("/v1.0/users/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
        Response refused = graph().get("/v1.0/users");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 4);
        assertThat(refused.header("x-ms-throttle-scope")).isEqualTo("Tenant_Application/ReadWrite/contoso-admin/" + EmulatorFixture.CONTOSO);
        assertThat(refused.header("x-ms-throttle-information")).isEqualTo("RequestLimitExceeded");
        assertThat(refused.header("x-ms-resource-unit")).isEqualTo("2");
        assertThat(refused.jsonPath().getString("error.code")).isEqualTo("TooManyRequests");
        assertThat(refused.jsonPath().getString("error.message")).isEqualTo("Please retry again later.");
        // other tenants keep their own budget
        TenantConfig fabrikam = f.config.tenant("fabrikam").orElseThrow();
        String other = f.server.components().tokens().issue(fabrikam, fabrikam.apps().get(0));
        assertThat(http().header("Authorization", "Bearer " + other).get("/v1.0/users").statusCode()).isEqualTo(200);
        // and switching the profile off lifts the limit at once
        control().body("{\"profile\":\"off\"}").put("/_emulator/throttle").then().statusCode(200);
        assertThat(graph().get("/v1.0/users").statusCode()).isEqualTo(200);
    }

    @Test
    void everyGraphResponseCarriesItsResourceUnitCost() {
        control().body("{\"profile\":\"graph-documented\"}").put("/_emulator/throttle").then().statusCode(200);
        assertThat(graph().get("/v1.0/users").header("x-ms-resource-unit")).isEqualTo("2");
        assertThat(graph().queryParam("$select", "id").queryParam("$top", "5").get("/v1.0/users").header("x-ms-resource-unit")).isEqualTo("1");
        assertThat(graph().body(user("ru")).post("/v1.0/users").header("x-ms-resource-unit")).isEqualTo("1");
    }

    @Test
    void resetEmptiesTheDirectoryJournalFaultsAndThrottlingButKeepsTenantsUsable() {
        graph().body(user("gone")).post("/v1.0/users").then().statusCode(201);
        control().body("{\"match\":{\"pathPattern\":\"/v1.0/groups\"},\"action\":{\"status\":500}}").post("/_emulator/faults").then().statusCode(201);
        control().body("{\"profile\":\"custom\",\"requestsPerSecond\":1000}").put("/_emulator/throttle").then().statusCode(200);
        assertThat(f.server.components().journal().since(0)).isNotEmpty();

        Response reset = control().post("/_emulator/reset");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.jsonPath().getInt("deletedRows.DIRECTORY_OBJECT")).isEqualTo(1);
        assertThat(reset.jsonPath().getInt("deletedRows.CHANGE_LOG")).isGreaterThanOrEqualTo(1);
        assertThat(reset.jsonPath().getInt("deletedRows.DIRECTORY_AUDIT")).isGreaterThanOrEqualTo(1);
        assertThat(reset.jsonPath().getMap("deletedRows")).doesNotContainKeys("SCHEMA_VERSION", "EMULATOR_STATE");

        assertThat(f.server.components().journal().since(0)).isEmpty();
        assertThat(control().get("/_emulator/faults").jsonPath().getList("value")).isEmpty();
        assertThat(control().get("/_emulator/throttle").jsonPath().getString("profile")).isEqualTo("off");
        assertThat(graph().get("/v1.0/users").jsonPath().getList("value")).isEmpty();
        // the same UPN can be created again, and the token issued before the reset still works
        graph().body(user("gone")).post("/v1.0/users").then().statusCode(201);
    }

    @Test
    void seedingAddsNumberedUsersAndContinuesTheNumbering() {
        Response first = control().body("{\"users\":60,\"prefix\":\"load\"}").post("/_emulator/tenants/contoso/seed");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getInt("created")).isEqualTo(60);
        assertThat(first.jsonPath().getString("firstUserPrincipalName")).isEqualTo("load1@contoso.onmicrosoft.com");
        Response second = control().body("{\"users\":5,\"prefix\":\"load\"}").post("/_emulator/tenants/" + EmulatorFixture.CONTOSO + "/seed");
        assertThat(second.jsonPath().getInt("firstIndex")).isEqualTo(61);
        assertThat(second.jsonPath().getString("lastUserPrincipalName")).isEqualTo("load65@contoso.onmicrosoft.com");

        assertThat(graph().header("ConsistencyLevel", "eventual").get("/v1.0/users/$count").asString()).isEqualTo("65");
        assertThat(graph().get("/v1.0/users/load65@contoso.onmicrosoft.com").statusCode()).isEqualTo(200);
        TenantConfig fabrikam = f.config.tenant("fabrikam").orElseThrow();
        String other = f.server.components().tokens().issue(fabrikam, fabrikam.apps().get(0));
        assertThat(http().header("Authorization", "Bearer " + other).get("/v1.0/users").jsonPath().getList("value")).isEmpty();
    }
}
