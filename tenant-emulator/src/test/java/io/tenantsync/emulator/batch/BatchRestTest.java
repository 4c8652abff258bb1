package io.tenantsync.emulator.batch;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.RequestJournal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /$batch over raw HTTP: whole-batch refusals, per-request outcomes, URLs, ordering and dependencies. */
class BatchRestTest {
    static EmulatorFixture f;
    static String token;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        TenantConfig contoso = f.config.tenant("contoso").orElseThrow();
        token = f.server.components().tokens().issue(contoso, contoso.apps().get(0));
        String[] names = {"Ann Lee", "Bob O'Neil", "Carla Diaz"};
        for (int i = 0; i < names.length; i++) {
            graph().body("{\"accountEnabled\":true,\"displayName\":\"" + names[i].replace("'", "\\u0027") + "\",\"mailNickname\":\"b" + i
                    + "\",\"userPrincipalName\":\"b" + i + "@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"Secret!123\"}}")
                    .post("/v1.0/users").then().statusCode(201);
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static RequestSpecification graph() {
        return RestAssured.given().relaxedHTTPSValidation().baseUri(f.server.baseUri().toString())
                .header("Authorization", "Bearer " + token).contentType("application/json");
    }

    static Response batch(String body) {
        return graph().body(body).post("/v1.0/$batch");
    }

    static Map<String, Object> item(JsonPath p, String id) {
        return p.getMap("responses.find { it.id == '" + id + "' }");
    }

    @Test
    void malformedBatchesAreRefusedWhole() {
        String get = "{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users\"}";
        List<String> bad = List.of(
                "not json", "[]", "{}", "{\"requests\":{}}", "{\"requests\":[]}", "{\"requests\":[42]}",
                "{\"requests\":[{\"method\":\"GET\",\"url\":\"/users\"}]}",
                "{\"requests\":[{\"id\":\"a\",\"method\":\"GET\",\"url\":\"/users\"},{\"id\":\"A\",\"method\":\"GET\",\"url\":\"/users\"}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"FETCH\",\"url\":\"/users\"}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\"}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"POST\",\"url\":\"/users\",\"body\":{\"displayName\":\"x\"}}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"POST\",\"url\":\"/users\",\"headers\":{\"Accept\":\"application/json\"},\"body\":{}}]}",
                "{\"requests\":[" + get + "," + get.replace("\"1\"", "\"2\"").replace("}", ",\"dependsOn\":[\"3\"]}") + "]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users\",\"dependsOn\":[\"2\"]},"
                        + "{\"id\":\"2\",\"method\":\"GET\",\"url\":\"/users\",\"dependsOn\":[\"1\"]}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users\",\"dependsOn\":[\"1\"]}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"https://graph.microsoft.com/v1.0/users\"}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users\",\"headers\":{\"a\":{\"b\":1}}}]}",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users\",\"extra\":true}]}");
        long before = f.server.components().journal().since(0).stream().filter(e -> e.path().startsWith("$batch>")).count();
        for (String body : bad) {
            Response r = batch(body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.jsonPath().getString("error.code")).as(body).isIn("BadRequest", "Request_BadRequest");
            assertThat(r.jsonPath().getString("error.innerError.request-id")).as(body).isNotBlank();
        }
        long after = f.server.components().journal().since(0).stream().filter(e -> e.path().startsWith("$batch>")).count();
        assertThat(after).as("no inner request of a refused batch ran").isEqualTo(before);
    }

    @Test
    void moreThanTwentyRequestsAreRefusedAndTwentyAreServed() {
        StringBuilder b = new StringBuilder("{\"requests\":[");
        for (int i = 1; i <= 21; i++) b.append(i > 1 ? "," : "").append("{\"id\":\"").append(i).append("\",\"method\":\"GET\",\"url\":\"/users?$top=1\"}");
        String twentyOne = b.append("]}").toString();
        Response refused = batch(twentyOne);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.jsonPath().getString("error.message")).contains("20");
        String twenty = twentyOne.replace(",{\"id\":\"21\",\"method\":\"GET\",\"url\":\"/users?$top=1\"}", "");
        Response ok = batch(twenty);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.jsonPath().getList("responses.status", Integer.class)).hasSize(20).containsOnly(200);
    }

    @Test
    void urlsMayOmitTheLeadingSlashAndCarryAnEncodedQuery() {
        Response r = batch("{\"requests\":["
                + "{\"id\":\"q\",\"method\":\"GET\",\"url\":\"users?$filter=displayName%20eq%20%27Bob%20O%27%27Neil%27&$select=id,displayName\"},"
                + "{\"id\":\"s\",\"method\":\"GET\",\"url\":\"/users?%24filter=startsWith(displayName,%27C%27)\"},"
                + "{\"id\":\"c\",\"method\":\"GET\",\"url\":\"/users/$count\",\"headers\":{\"ConsistencyLevel\":\"eventual\"}},"
                + "{\"id\":\"n\",\"method\":\"GET\",\"url\":\"/users/$count\"},"
                + "{\"id\":\"e\",\"method\":\"GET\",\"url\":\"/users/b2%40contoso.onmicrosoft.com\"},"
                + "{\"id\":\"d\",\"method\":\"GET\",\"url\":\"/users/x()\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonPath p = r.jsonPath();
        assertThat(p.getList("responses.find { it.id == 'q' }.body.value.displayName")).containsExactly("Bob O'Neil");
        assertThat(p.getMap("responses.find { it.id == 'q' }.body.value[0]")).containsOnlyKeys("id", "displayName");
        assertThat(p.getList("responses.find { it.id == 's' }.body.value.displayName")).containsExactly("Carla Diaz");
        assertThat(item(p, "c")).containsEntry("status", 200).containsEntry("body", "3");
        assertThat(p.getString("responses.find { it.id == 'c' }.headers.Content-Type")).startsWith("text/plain");
        // the outer request's ConsistencyLevel is not inherited: each inner request has only its own headers
        assertThat(item(p, "n")).containsEntry("status", 400);
        assertThat(p.getString("responses.find { it.id == 'e' }.body.displayName")).isEqualTo("Carla Diaz");
        // segments are normalised like outer requests: x() is looked up as the id x
        assertThat(item(p, "d")).containsEntry("status", 404);
        assertThat(p.getString("responses.find { it.id == 'd' }.body.error.message")).startsWith("Resource 'x' does not exist");
    }

    @Test
    void dependenciesRunFirstAndAFailedDependencyYields424Transitively() {
        Response r = graph().header("ConsistencyLevel", "eventual").body("{\"requests\":["
                + "{\"id\":\"patch\",\"method\":\"PATCH\",\"url\":\"/users/b0@contoso.onmicrosoft.com\",\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":{\"jobTitle\":\"Lead\"},\"dependsOn\":[\"read\"]},"
                + "{\"id\":\"read\",\"method\":\"GET\",\"url\":\"/users/b0@contoso.onmicrosoft.com?$select=jobTitle\"},"
                + "{\"id\":\"missing\",\"method\":\"GET\",\"url\":\"/users/nobody@contoso.onmicrosoft.com\"},"
                + "{\"id\":\"second\",\"method\":\"DELETE\",\"url\":\"/users/b1@contoso.onmicrosoft.com\",\"dependsOn\":[\"MISSING\"]},"
                + "{\"id\":\"third\",\"method\":\"GET\",\"url\":\"/users/b1@contoso.onmicrosoft.com\",\"dependsOn\":[\"second\"]}]}")
                .post("/v1.0/$batch");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonPath p = r.jsonPath();
        assertThat(p.getList("responses.id")).containsExactly("patch", "read", "missing", "second", "third");
        assertThat(item(p, "read")).containsEntry("status", 200);
        assertThat(p.getString("responses.find { it.id == 'read' }.body.jobTitle")).isNull(); // read ran before the patch
        assertThat(item(p, "patch")).containsEntry("status", 204).doesNotContainKey("body");
        assertThat(item(p, "missing")).containsEntry("status", 404);
        assertThat(item(p, "second")).containsEntry("status", 424);
        assertThat(p.getString("responses.find { it.id == 'second' }.body.error.code")).isEqualTo("FailedDependency");
        assertThat(item(p, "third")).containsEntry("status", 424);
        assertThat(graph().get("/v1.0/users/b1@contoso.onmicrosoft.com").statusCode()).as("dependent delete did not run").isEqualTo(200);
        assertThat(graph().get("/v1.0/users/b0@contoso.onmicrosoft.com?$select=jobTitle").jsonPath().getString("jobTitle")).isEqualTo("Lead");
    }

    @Test
    void independentRequestsRunTogetherWhileDependentOnesWaitForTheirDependencies() {
        String rule = RestAssured.given().relaxedHTTPSValidation().baseUri(f.server.baseUri().toString())
                .header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN).contentType("application/json")
                .body("{\"match\":{\"method\":\"GET\",\"pathPattern\":\"/v1.0/organization\"},\"action\":{\"latencyMs\":400}}")
                .post("/_emulator/faults").then().statusCode(201).extract().path("id");
        try {
            StringBuilder together = new StringBuilder("{\"requests\":["), chained = new StringBuilder("{\"requests\":[");
            for (int i = 1; i <= 5; i++) {
                String get = "{\"id\":\"" + i + "\",\"method\":\"GET\",\"url\":\"/organization\"";
                together.append(i > 1 ? "," : "").append(get).append('}');
                chained.append(i > 1 ? "," : "").append(get).append(i > 1 ? ",\"dependsOn\":[\"" + (i - 1) + "\"]}" : "}");
            }
            long start = System.nanoTime();
            JsonPath parallel = batch(together.append("]}").toString()).then().statusCode(200).extract().jsonPath();
            long parallelMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            JsonPath serial = batch(chained.append("]}").toString()).then().statusCode(200).extract().jsonPath();
            long serialMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(parallel.getList("responses.status", Integer.class)).containsOnly(200).hasSize(5);
            assertThat(serial.getList("responses.status", Integer.class)).containsOnly(200).hasSize(5);
            assertThat(parallel.getList("responses.id")).containsExactly("1", "2", "3", "4", "5");
            assertThat(serialMillis).isGreaterThanOrEqualTo(5 * 400);
            assertThat(parallelMillis).isLessThan(3 * 400);
        } finally {
            RestAssured.given().relaxedHTTPSValidation().baseUri(f.server.baseUri().toString())
                    .header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN).delete("/_emulator/faults/" + rule)
                    .then().statusCode(204);
        }
    }

    @Test
    void aNestedBatchIsRefusedForThatRequestOnly() {
        Response r = batch("{\"requests\":[{\"id\":\"inner\",\"method\":\"POST\",\"url\":\"/$batch\",\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":{\"requests\":[]}},{\"id\":\"ok\",\"method\":\"GET\",\"url\":\"/users?$top=1\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonPath p = r.jsonPath();
        assertThat(item(p, "inner")).containsEntry("status", 400);
        assertThat(p.getString("responses.find { it.id == 'inner' }.body.error.code")).isEqualTo("Request_BadRequest");
        assertThat(item(p, "ok")).containsEntry("status", 200);
    }

    @Test
    void innerFailuresAreGraphErrorsWithTheirOwnRequestIdsAndAreJournaled() {
        long seq = f.server.components().journal().since(0).stream().mapToLong(RequestJournal.Entry::seq).max().orElse(0);
        Response r = batch("{\"requests\":[{\"id\":\"1\",\"method\":\"POST\",\"url\":\"/users\",\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":{\"displayName\":\"no upn\"}},{\"id\":\"2\",\"method\":\"GET\",\"url\":\"/nothing/here\"}]}");
        JsonPath p = r.jsonPath();
        assertThat(item(p, "1")).containsEntry("status", 400);
        assertThat(p.getString("responses.find { it.id == '1' }.headers.request-id")).isNotBlank()
                .isNotEqualTo(r.header("request-id"));
        assertThat(item(p, "2")).containsEntry("status", 400);
        assertThat(f.server.components().journal().since(seq)).extracting(RequestJournal.Entry::path, RequestJournal.Entry::status)
                .contains(org.assertj.core.groups.Tuple.tuple("$batch>/v1.0/users", 400),
                        org.assertj.core.groups.Tuple.tuple("$batch>/v1.0/nothing/here", 400),
                        org.assertj.core.groups.Tuple.tuple("/v1.0/$batch", 200));
    }

    @Test
    void aBatchNeedsAValidTokenLikeAnyGraphRequest() {
        Response r = RestAssured.given().relaxedHTTPSValidation().baseUri(f.server.baseUri().toString()).contentType("application/json")
                .body("{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users\"}]}").post("/v1.0/$batch");
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
