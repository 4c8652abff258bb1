package io.tenantsync.emulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.hostile.CorpusRun;
import io.tenantsync.emulator.hostile.HostileCorpus;
import io.tenantsync.emulator.hostile.RawHttp;
import io.tenantsync.emulator.hostile.StoreSnapshot;
import io.tenantsync.emulator.tls.LoopbackCertificates;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A generated corpus of malformed and adversarial Graph requests: Graph errors only, no 5xx, nothing stored. */
class HostileCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmulatorFixture f;
    private static String token;
    private static String userPath;
    private static String groupPath;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        token = RestAssured.given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                .formParam("client_id", "contoso-admin").formParam("client_secret", "contoso-secret-value-0001")
                .formParam("scope", "https://graph.microsoft.com/.default")
                .post(f.authority() + "/" + EmulatorFixture.CONTOSO + "/oauth2/v2.0/token").jsonPath().getString("access_token");
        userPath = "/v1.0/users/" + RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + token)
                .contentType("application/json").body(validUser()).post(f.graphRoot() + "/users")
                .then().statusCode(201).extract().path("id");
        groupPath = "/v1.0/groups/" + RestAssured.given().relaxedHTTPSValidation().header("Authorization", "Bearer " + token)
                .contentType("application/json").body(validGroup()).post(f.graphRoot() + "/groups")
                .then().statusCode(201).extract().path("id");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String validUser() {
        return "{\"accountEnabled\":true,\"displayName\":\"Hostile Target\",\"mailNickname\":\"hostile\","
                + "\"userPrincipalName\":\"hostile@contoso.onmicrosoft.com\",\"passwordProfile\":{\"password\":\"Passw0rd!x\"}}";
    }

    private static String validGroup() {
        return "{\"displayName\":\"Hostile Group\",\"mailEnabled\":false,\"mailNickname\":\"hostilegroup\",\"securityEnabled\":true}";
    }

    private static final HostileCorpus.Dialect GRAPH = new HostileCorpus.Dialect() {
        @Override public String authorization() { return "Bearer " + token; }

        @Override public String contentType() { return "application/json"; }

        @Override public List<String> collections() { return List.of("/v1.0/users", "/v1.0/groups"); }

        @Override public String validCreate(String collection) {
            // a fresh name, so that only the hostile part of a request can be why it is refused
            return (collection.endsWith("users") ? validUser() : validGroup()).replace("hostile", "corpus");
        }

        @Override public String existing(String collection) { return collection.endsWith("users") ? userPath : groupPath; }

        @Override public String filterQuery(String expression) { return "?$filter=" + HostileCorpus.encode(expression); }

        @Override public List<String> injectionFilters() {
            return List.of("displayName eq 'x' or 1 eq 1", "displayName eq 'x'' or ''1''=''1'", "startswith(displayName,'%')",
                    "startswith(displayName,'_')", "id eq '1'; DROP TABLE DIRECTORY_OBJECT;--'", "displayName eq 'x')) or ((1 eq 1",
                    "userPrincipalName eq '\\'", "accountEnabled eq 'true'", "nosuchProperty eq 'x'", "displayName eq",
                    "(".repeat(500) + "displayName eq 'x'" + ")".repeat(500), "proxyAddresses/any(p:startswith(p,'smtp:') or 1 eq 1)",
                    "displayName eq 'x' and/**/1 eq 1", "displayName in ('a','b',", "contains(displayName,'a')",
                    "displayName eq 'Hostile Target' or displayName eq 'x' or ".repeat(200) + "1", "mail eq '\u0000'",
                    "displayName eq 'x' union select * from DIRECTORY_OBJECT", "tenantId eq '22222222-2222-4222-8222-222222222222'");
        }

        @Override public List<String> hostileQueries() {
            return List.of("?$top=-1", "?$top=0", "?$top=1000000000000", "?$top=abc", "?$skiptoken=garbage", "?$skiptoken=eyJ0ZW5hbnQiOiJ4In0",
                    "?$select=../../etc", "?$select=id,,", "?$orderby=displayName;DROP", "?$orderby=displayName%20desc%20desc",
                    "?$count=maybe", "?$expand=manager($expand=manager($expand=manager))", "?$search=%22x%22", "?$filter=",
                    "?$format=xml", "?$top=5&$top=6", "?$skip=5", "?$orderby=" + "displayName,".repeat(300) + "id", "?$apply=groupby",
                    "?$select=" + "x".repeat(5000));
        }

        @Override public List<String> invalidUpdates() {
            return List.of("{\"id\":\"x\"}", "{\"createdDateTime\":\"2020-01-01T00:00:00Z\"}", "{\"favouriteColour\":\"red\"}",
                    "{\"accountEnabled\":\"yes\"}", "{\"userPrincipalName\":\"a b@contoso.onmicrosoft.com\"}",
                    "{\"userPrincipalName\":\"x@elsewhere.example\"}", "{\"businessPhones\":\"123\"}",
                    "{\"onPremisesExtensionAttributes\":{\"extensionAttribute99\":\"x\"}}", "[]", "\"text\"", "{\"mail\":5}",
                    "{\"displayName\":{\"nested\":true}}", "{\"securityEnabled\":\"no\"}", "{\"@odata.type\":\"#microsoft.graph.device\"}");
        }

        @Override public int bodyLimitBytes() { return 4 * 1024 * 1024 + 1; }
    };

    /** What is wrong with an error reply, if it is not Graph's error envelope. */
    private static Optional<String> graphErrorProblem(RawHttp.Reply reply) {
        String type = reply.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/json")) {
            return Optional.of("error reply is not application/json but '" + type + "'");
        }
        try {
            JsonNode error = JSON.readTree(reply.body()).path("error");
            if (error.path("code").asText("").isBlank() || !error.path("message").isTextual()) {
                return Optional.of("error reply lacks error.code/error.message");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("error reply is not JSON");
        }
    }

    private static StoreSnapshot snapshot() {
        return f.server.components().db().transaction(StoreSnapshot::of);
    }

    @Test
    void tenThousandHostileRequestsGetGraphErrorsNeverA5xxAndChangeNothing() throws Exception {
        StoreSnapshot before = snapshot();
        List<io.tenantsync.emulator.hostile.HostileRequest> corpus = HostileCorpus.generate(GRAPH, 20261123L, 10_000);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {LoopbackCertificates.trustManagerFor(f.server.caCertificate())}, null);
        CorpusRun run;
        try (var http = new RawHttp(tls.getSocketFactory(), "127.0.0.1", f.server.port())) {
            run = CorpusRun.send(http, corpus, HostileCorpusTest::graphErrorProblem);
        }
        System.out.println("hostile corpus against the emulator: " + run.sent() + " requests, statuses " + run.statuses());
        assertThat(run.violations().stream().limit(40).toList())
                .as("%d of %d requests broke the rules; the first ones", run.violations().size(), run.sent()).isEmpty();
        assertThat(snapshot().differencesFrom(before)).as("store changes made by the corpus").isEmpty();
    }
}
