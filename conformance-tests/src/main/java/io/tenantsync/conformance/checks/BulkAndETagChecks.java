package io.tenantsync.conformance.checks;

import static io.tenantsync.conformance.checks.Define.check;
import static io.tenantsync.conformance.checks.Payloads.op;
import static io.tenantsync.conformance.checks.Payloads.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.http.ScimResponse;
import java.util.List;
import java.util.Optional;

/** RFC 7644 §3.7 Bulk with bulkId references, and §3.14 versioning with ETags and If-Match / If-None-Match. */
public final class BulkAndETagChecks {
    static final String BULK = "SCIM protocol: Bulk";
    static final String ETAG = "SCIM protocol: ETag";

    private BulkAndETagChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("protocol.bulk.bulkId-reference", BULK,
                        "A Bulk request creating a user (bulkId) and a group whose member is \"bulkId:…\" answers a BulkResponse with 201 for each, and the group's member is the new user's id (RFC 7644 §3.7.2)",
                        BulkAndETagChecks::bulkIdReference, Capability.BULK, Capability.GROUPS),
                check("protocol.bulk.errors-per-operation", BULK,
                        "In a Bulk request one invalid operation gets its own 4xx status and a SCIM error response while the valid one still succeeds (RFC 7644 §3.7.3)",
                        BulkAndETagChecks::perOperationErrors, Capability.BULK),
                check("protocol.etag.get-returns-etag", ETAG,
                        "GET of a resource answers an ETag header equal to meta.version (RFC 7644 §3.14)",
                        c -> {
                            String id = c.create("/Users", Payloads.user(c.userName("etag"))).id();
                            ScimResponse r = c.scim().get("/Users/" + id);
                            c.expectStatus(r, 200);
                            Optional<String> etag = r.header("ETag");
                            c.expect(etag.isPresent(), "an ETag header", r);
                            c.expect(etag.get().equals(r.json().path("meta").path("version").asText()), "ETag equal to meta.version", r);
                        }, Capability.ETAG),
                check("protocol.etag.if-none-match-is-304", ETAG,
                        "GET with If-None-Match holding the current ETag answers 304 Not Modified (RFC 7644 §3.14)",
                        c -> {
                            String id = c.create("/Users", Payloads.user(c.userName("inm"))).id();
                            String etag = etag(c, id);
                            ScimResponse r = c.scim().request("GET", "/Users/" + id).header("If-None-Match", etag).send();
                            c.expectStatus(r, 304);
                        }, Capability.ETAG),
                check("protocol.etag.if-match-stale-is-412", ETAG,
                        "A PATCH with If-Match holding a stale ETag answers 412 and changes nothing; with the current ETag it applies and the ETag changes (RFC 7644 §3.14)",
                        BulkAndETagChecks::ifMatch, Capability.ETAG, Capability.PATCH));
    }

    private static String etag(CheckContext c, String id) {
        ScimResponse r = c.scim().get("/Users/" + id);
        c.expectStatus(r, 200);
        return r.header("ETag").orElseGet(() -> {
            throw c.fail("an ETag header", r);
        });
    }

    private static void ifMatch(CheckContext c) {
        String id = c.create("/Users", Payloads.user(c.userName("ifmatch"))).id();
        String first = etag(c, id);
        ScimResponse update = c.scim().request("PATCH", "/Users/" + id).header("If-Match", first)
                .body(patch(op("replace", "displayName", "\"Version Two\""))).send();
        c.expectStatus(update, 200, 204);
        String second = etag(c, id);
        c.expect(!second.equals(first), "a new ETag after the change (still " + first + ")", update);
        ScimResponse stale = c.scim().request("PATCH", "/Users/" + id).header("If-Match", first)
                .body(patch(op("replace", "displayName", "\"Must Not Stick\""))).send();
        c.expectScimError(stale, 412, null);
        ScimResponse get = c.scim().get("/Users/" + id);
        c.expect("Version Two".equals(get.json().path("displayName").asText()), "displayName still \"Version Two\"", get);
    }

    private static void bulkIdReference(CheckContext c) {
        String userName = c.userName("bulk");
        String body = """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"u1","data":%s},
                  {"method":"POST","path":"/Groups","bulkId":"g1","data":{"schemas":["%s"],"displayName":"%s","members":[{"value":"bulkId:u1"}]}}]}"""
                .formatted(Payloads.BULK_REQUEST, Payloads.user(userName), Payloads.GROUP, c.uniqueName("bulk"));
        ScimResponse r = c.scim().post("/Bulk", body);
        c.expectStatus(r, 200);
        c.expect(Payloads.hasSchema(r.json(), Payloads.BULK_RESPONSE), "a BulkResponse", r);
        JsonNode ops = r.json().path("Operations");
        c.expect(ops.size() == 2, "two operation results", r);
        String userId = null;
        String groupLocation = null;
        for (JsonNode o : ops) {
            c.expect("201".equals(o.path("status").asText()), "status \"201\" for every operation", r);
            String location = o.path("location").asText("");
            c.expect(!location.isEmpty(), "a location for every created resource", r);
            if ("u1".equals(o.path("bulkId").asText())) userId = location.substring(location.lastIndexOf('/') + 1);
            if ("g1".equals(o.path("bulkId").asText())) groupLocation = location;
        }
        c.expect(userId != null && groupLocation != null, "results carrying bulkIds u1 and g1", r);
        c.removeAfterwards("/Users/" + userId);
        String groupId = groupLocation.substring(groupLocation.lastIndexOf('/') + 1);
        c.removeAfterwards("/Groups/" + groupId);
        ScimResponse group = c.scim().get("/Groups/" + groupId);
        c.expectStatus(group, 200);
        c.expect(Payloads.memberIds(group.json()).equals(List.of(userId)), "the group's member the user created as u1 (" + userId + ")", group);
    }

    private static void perOperationErrors(CheckContext c) {
        String userName = c.userName("bulkok");
        String body = """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"bad","data":{"schemas":["%s"],"displayName":"no userName"}},
                  {"method":"POST","path":"/Users","bulkId":"good","data":%s}]}"""
                .formatted(Payloads.BULK_REQUEST, Payloads.USER, Payloads.user(userName));
        ScimResponse r = c.scim().post("/Bulk", body);
        c.expectStatus(r, 200);
        JsonNode bad = null;
        JsonNode good = null;
        for (JsonNode o : r.json().path("Operations")) {
            if ("bad".equals(o.path("bulkId").asText())) bad = o;
            if ("good".equals(o.path("bulkId").asText())) good = o;
        }
        c.expect(bad != null && good != null, "results for both bulkIds", r);
        String location = good.path("location").asText("");
        if (!location.isEmpty()) c.removeAfterwards("/Users/" + location.substring(location.lastIndexOf('/') + 1));
        c.expect(bad.path("status").asText().startsWith("4"), "a 4xx status for the operation without userName", r);
        c.expect(Payloads.hasSchema(bad.path("response"), "urn:ietf:params:scim:api:messages:2.0:Error"), "a SCIM error as its response", r);
        c.expect("201".equals(good.path("status").asText()), "status \"201\" for the valid operation", r);
    }
}
