package io.tenantsync.conformance.checks;

import static io.tenantsync.conformance.checks.Define.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.http.ScimResponse;
import java.util.List;

/** RFC 7644 §4 discovery: /ServiceProviderConfig, /ResourceTypes, /Schemas, shaped as RFC 7643 §5–7 define. */
public final class DiscoveryChecks {
    static final String GROUP = "SCIM protocol: discovery";

    private DiscoveryChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("protocol.discovery.service-provider-config", GROUP,
                        "GET /ServiceProviderConfig answers the RFC 7643 §5 document: its schema, a boolean 'supported' for patch, bulk, filter, changePassword, sort and etag, and authenticationSchemes",
                        DiscoveryChecks::serviceProviderConfig),
                check("protocol.discovery.resource-types", GROUP,
                        "GET /ResourceTypes is a ListResponse naming User at /Users with the core User schema, and GET /ResourceTypes/User answers it alone (RFC 7643 §6)",
                        DiscoveryChecks::resourceTypes),
                check("protocol.discovery.schemas", GROUP,
                        "GET /Schemas is a ListResponse holding the core User schema; its userName attribute is a required, server-unique string with caseExact false, every boolean sub-attribute explicit (RFC 7643 §7, §4.1)",
                        DiscoveryChecks::schemas),
                check("protocol.discovery.unknown-schema-is-404", GROUP,
                        "GET /Schemas/{unknown urn} answers 404 with a SCIM error body",
                        c -> c.expectScimError(c.scim().get("/Schemas/urn:example:no-such-schema"), 404, null)),
                check("protocol.discovery.read-only", GROUP,
                        "Discovery endpoints refuse writes: POST /Schemas answers 405 (or 501), never 2xx",
                        c -> {
                            ScimResponse r = c.scim().post("/Schemas", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Schema\"]}");
                            c.expectStatus(r, 405, 501);
                        }));
    }

    private static void serviceProviderConfig(CheckContext c) {
        ScimResponse r = c.scim().get("/ServiceProviderConfig");
        c.expectStatus(r, 200);
        JsonNode spc = r.json();
        c.expect(Payloads.hasSchema(spc, Payloads.SPC), "schemas holding " + Payloads.SPC, r);
        for (String feature : List.of("patch", "bulk", "filter", "changePassword", "sort", "etag")) {
            c.expect(spc.path(feature).path("supported").isBoolean(), feature + ".supported as a JSON boolean", r);
        }
        c.expect(!spc.path("bulk").path("supported").asBoolean() || spc.path("bulk").path("maxOperations").isInt()
                        && spc.path("bulk").path("maxPayloadSize").isInt(),
                "bulk.maxOperations and bulk.maxPayloadSize as integers when bulk is supported", r);
        c.expect(!spc.path("filter").path("supported").asBoolean() || spc.path("filter").path("maxResults").isInt(),
                "filter.maxResults as an integer when filtering is supported", r);
        c.expect(spc.path("authenticationSchemes").isArray(), "an authenticationSchemes array", r);
        for (JsonNode scheme : spc.path("authenticationSchemes")) {
            c.expect(scheme.path("type").isTextual() && scheme.path("name").isTextual() && scheme.path("description").isTextual(),
                    "each authentication scheme with type, name and description", r);
        }
        c.expect(!spc.has("documentationUrl"), "documentationUri, not documentationUrl (RFC 7643 §5)", r);
    }

    private static void resourceTypes(CheckContext c) {
        ScimResponse r = c.scim().get("/ResourceTypes");
        c.expectStatus(r, 200);
        c.expect(Payloads.hasSchema(r.json(), Payloads.LIST_RESPONSE), "a ListResponse", r);
        JsonNode user = null;
        for (JsonNode t : r.resources()) if ("User".equals(t.path("name").asText()) || "User".equals(t.path("id").asText())) user = t;
        c.expect(user != null, "a resource type named User", r);
        c.expect("/Users".equals(user.path("endpoint").asText()), "User's endpoint \"/Users\"", r);
        c.expect(Payloads.USER.equals(user.path("schema").asText()), "User's schema " + Payloads.USER, r);
        for (JsonNode t : r.resources()) {
            c.expect(Payloads.hasSchema(t, "urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
                    "every resource type with the ResourceType schema", r);
        }
        ScimResponse one = c.scim().get("/ResourceTypes/User");
        c.expectStatus(one, 200);
        c.expect("/Users".equals(one.json().path("endpoint").asText()), "GET /ResourceTypes/User answers User itself", one);
    }

    private static void schemas(CheckContext c) {
        ScimResponse r = c.scim().get("/Schemas");
        c.expectStatus(r, 200);
        c.expect(Payloads.hasSchema(r.json(), Payloads.LIST_RESPONSE), "a ListResponse", r);
        c.expect(r.resources().stream().anyMatch(s -> Payloads.USER.equals(s.path("id").asText())), "the core User schema listed", r);
        ScimResponse one = c.scim().get("/Schemas/" + Payloads.USER);
        c.expectStatus(one, 200);
        JsonNode userName = null;
        for (JsonNode a : one.json().path("attributes")) if ("userName".equals(a.path("name").asText())) userName = a;
        c.expect(userName != null, "a userName attribute in the User schema", one);
        c.expect("string".equals(userName.path("type").asText()), "userName of type string", one);
        c.expect(userName.path("required").asBoolean(false), "userName required", one);
        c.expect(userName.path("caseExact").isBoolean() && !userName.path("caseExact").asBoolean(), "userName caseExact false", one);
        c.expect("server".equals(userName.path("uniqueness").asText()), "userName uniqueness \"server\"", one);
        for (JsonNode a : one.json().path("attributes")) {
            for (String flag : List.of("multiValued", "required", "caseExact")) {
                if (!a.path("type").asText().equals("complex") || !flag.equals("caseExact")) {
                    c.expect(a.path(flag).isBoolean(), "attribute " + a.path("name").asText() + " with an explicit boolean " + flag, one);
                }
            }
        }
    }
}
