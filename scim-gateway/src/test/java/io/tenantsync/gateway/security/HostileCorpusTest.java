package io.tenantsync.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.hostile.CorpusRun;
import io.tenantsync.emulator.hostile.HostileCorpus;
import io.tenantsync.emulator.hostile.HostileRequest;
import io.tenantsync.emulator.hostile.RawHttp;
import io.tenantsync.emulator.hostile.StoreSnapshot;
import io.tenantsync.gateway.GatewayFixture;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A generated corpus of malformed and adversarial SCIM requests: SCIM errors only, no 5xx, nothing stored. */
class HostileCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/scim/v2";
    private static GatewayFixture gw;
    private static String userPath;
    private static String groupPath;

    @BeforeAll
    static void start() {
        gw = GatewayFixture.start();
        userPath = BASE + "/Users/" + gw.createUser("existing@contoso.com");
        groupPath = BASE + "/Groups/" + gw.alpha().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Existing Group"}""")
                .post("/Groups").then().statusCode(201).extract().path("id");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static final String PATCH_OP = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

    private static final HostileCorpus.Dialect SCIM = new HostileCorpus.Dialect() {
        @Override public String authorization() { return "Bearer " + gw.secretA; }

        @Override public String contentType() { return "application/scim+json"; }

        @Override public List<String> collections() { return List.of(BASE + "/Users", BASE + "/Groups"); }

        @Override public String validCreate(String collection) {
            return collection.endsWith("Users")
                    ? "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"corpus@contoso.com\",\"active\":true,\"displayName\":\"Corpus\"}"
                    : "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Corpus Group\"}";
        }

        @Override public String existing(String collection) { return collection.endsWith("Users") ? userPath : groupPath; }

        @Override public String filterQuery(String expression) { return "?filter=" + HostileCorpus.encode(expression); }

        @Override public List<String> injectionFilters() {
            return List.of("userName eq \"x\" or \"1\" eq \"1\"", "userName eq \"x\\\" or userName pr or \\\"x\"",
                    "userName eq \"' OR '1'='1\"", "userName co \"%\"", "userName sw \"_\"", "userName eq \"x\"; DROP TABLE RESOURCE;--",
                    "(userName eq \"x\"", "userName eq", "userName zz \"x\"", "name[givenName eq \"x\"", "nosuch eq \"x\"",
                    "(".repeat(500) + "userName eq \"x\"" + ")".repeat(500), "meta.lastModified gt \"not-a-date\"",
                    "userName eq \"x\" or ".repeat(200) + "userName pr", "id eq \"../../etc/passwd\"", "userName eq \"\u0000\"",
                    "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x' --\"", "emails[value co \"'\" or type eq \"\\\\\"]",
                    "displayName eq \"x\" union select * from RESOURCE", "active eq \"maybe\"", "meta.version eq W/\"1\"");
        }

        @Override public List<String> hostileQueries() {
            return List.of("?count=-1", "?count=abc", "?startIndex=0", "?startIndex=-5", "?startIndex=99999999999",
                    "?count=1000000000000", "?sortBy=%3BDROP", "?sortOrder=sideways", "?attributes=..%2F..%2Fx", "?attributes=,,",
                    "?excludedAttributes=userName&attributes=userName", "?filter=", "?attributes=" + "x".repeat(5000),
                    "?count=5&count=6", "?sortBy=" + "userName,".repeat(300), "?startIndex=1e3", "?count=0x10");
        }

        @Override public List<String> invalidUpdates() {
            return List.of(
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"name..givenName\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"urn:x:y:z\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq]\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"explode\",\"path\":\"displayName\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":5,\"path\":\"displayName\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"add\",\"path\":\"displayName\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":{\"op\":\"add\",\"path\":\"displayName\",\"value\":\"x\"}}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"2020-01-01T00:00:00Z\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"members[value eq \\\"x\\\"].display.foo\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"value\":\"not-an-object\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"\",\"value\":\"x\"}]}",
                    "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"remove\"}]}",
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]}",
                    "[]", "\"text\"");
        }

        @Override public int bodyLimitBytes() { return 4 * 1024 * 1024 + 1; }
    };

    /** What is wrong with an error reply, if it is not RFC 7644 §3.12's error body for its status. */
    private static Optional<String> scimErrorProblem(RawHttp.Reply reply) {
        String type = reply.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/scim+json")) {
            return Optional.of("error reply is not application/scim+json but '" + type + "'");
        }
        try {
            JsonNode error = JSON.readTree(reply.body());
            boolean scimError = false;
            for (JsonNode schema : error.path("schemas")) {
                scimError |= schema.asText().equals("urn:ietf:params:scim:api:messages:2.0:Error");
            }
            if (!scimError || !error.path("status").asText().equals(Integer.toString(reply.status()))) {
                return Optional.of("error reply is not a SCIM Error with its status");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("error reply is not JSON");
        }
    }

    private static StoreSnapshot snapshot() {
        return gw.server.components().db().transaction(StoreSnapshot::of);
    }

    @Test
    void tenThousandHostileRequestsGetScimErrorsNeverA5xxAndChangeNothing() {
        StoreSnapshot before = snapshot();
        List<HostileRequest> corpus = HostileCorpus.generate(SCIM, 20261124L, 10_000);
        CorpusRun run;
        try (var http = new RawHttp(SocketFactory.getDefault(), "127.0.0.1", gw.server.port())) {
            run = CorpusRun.send(http, corpus, HostileCorpusTest::scimErrorProblem);
        }
        System.out.println("hostile corpus against the gateway: " + run.sent() + " requests, statuses " + run.statuses());
        assertThat(run.violations().stream().limit(40).toList())
                .as("%d of %d requests broke the rules; the first ones", run.violations().size(), run.sent()).isEmpty();
        assertThat(snapshot().differencesFrom(before)).as("store changes made by the corpus").isEmpty();
    }
}
