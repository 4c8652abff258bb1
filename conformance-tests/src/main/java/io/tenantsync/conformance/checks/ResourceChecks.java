package io.tenantsync.conformance.checks;

import static io.tenantsync.conformance.checks.Define.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.http.ScimResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** RFC 7644 §3.3–3.6 create, read, replace and delete; §3.12 errors; §3.1/§8.1 content types. */
public final class ResourceChecks {
    static final String CRUD = "SCIM protocol: create, read, replace, delete";
    static final String ERRORS = "SCIM protocol: errors";
    static final String MEDIA = "SCIM protocol: content types";

    private ResourceChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("protocol.crud.create-user", CRUD,
                        "POST /Users answers 201 with the stored user: id, the userName sent, schemas, meta.resourceType User, meta.created and meta.lastModified (RFC 7644 §3.3, RFC 7643 §3.1)",
                        ResourceChecks::createUser),
                check("protocol.crud.location-header-is-absolute", CRUD,
                        "A 201 carries a Location header with the absolute URI of the new resource, equal to meta.location (RFC 7644 §3.3)",
                        ResourceChecks::locationHeader),
                check("protocol.crud.get-user-by-id", CRUD,
                        "GET /Users/{id} answers 200 with that user",
                        c -> {
                            String userName = c.userName("get");
                            String id = c.create("/Users", Payloads.user(userName)).id();
                            ScimResponse r = c.scim().get("/Users/" + id);
                            c.expectStatus(r, 200);
                            c.expect(id.equals(r.id()) && userName.equalsIgnoreCase(r.json().path("userName").asText()),
                                    "the same id and userName", r);
                        }),
                check("protocol.crud.replace-user", CRUD,
                        "PUT /Users/{id} replaces the user: 200 with the new values, and a later GET shows them (RFC 7644 §3.5.1)",
                        ResourceChecks::replaceUser),
                check("protocol.crud.delete-user", CRUD,
                        "DELETE /Users/{id} answers 204; then GET and a second DELETE answer 404 (RFC 7644 §3.6)",
                        c -> {
                            String id = c.create("/Users", Payloads.user(c.userName("delete"))).id();
                            c.expectStatus(c.scim().delete("/Users/" + id), 204);
                            c.expectScimError(c.scim().get("/Users/" + id), 404, null);
                            c.expectScimError(c.scim().delete("/Users/" + id), 404, null);
                        }),
                check("protocol.crud.duplicate-userName-is-409", CRUD,
                        "A second POST with a userName that exists answers 409 with scimType uniqueness (RFC 7644 §3.3, §3.12)",
                        c -> {
                            String userName = c.userName("dup");
                            c.create("/Users", Payloads.user(userName));
                            c.expectScimError(c.scim().post("/Users", Payloads.user(userName)), 409, "uniqueness");
                        }),
                check("protocol.crud.create-group-with-members", CRUD,
                        "POST /Groups with members answers 201 with those members; GET /Groups/{id} shows them (RFC 7643 §4.2)",
                        c -> {
                            String user = c.create("/Users", Payloads.user(c.userName("member"))).id();
                            ScimResponse g = c.create("/Groups", Payloads.group(c.uniqueName("group"), user));
                            c.expect(Payloads.memberIds(g.json()).contains(user), "the member in the 201 body", g);
                            ScimResponse r = c.scim().get("/Groups/" + g.id());
                            c.expectStatus(r, 200);
                            c.expect(Payloads.memberIds(r.json()).contains(user), "the member on GET", r);
                        }, Capability.GROUPS),

                check("protocol.errors.not-found", ERRORS,
                        "GET /Users/{unknown id} answers 404 with an RFC 7644 §3.12 error body (Error schema, status as a string)",
                        c -> c.expectScimError(c.scim().get("/Users/" + UUID.randomUUID()), 404, null)),
                check("protocol.errors.malformed-json-is-400", ERRORS,
                        "A body that is not JSON answers 400 with scimType invalidSyntax, never 5xx (RFC 7644 §3.12)",
                        c -> c.expectScimError(c.scim().post("/Users", "{\"schemas\":[\"" + Payloads.USER + "\"],\"userName\":"), 400, "invalidSyntax")),
                check("protocol.errors.missing-required-attribute-is-400", ERRORS,
                        "A user without its required userName answers 400 with scimType invalidValue (RFC 7644 §3.12)",
                        c -> c.expectScimError(c.scim().post("/Users", "{\"schemas\":[\"" + Payloads.USER + "\"],\"displayName\":\"No Name\"}"),
                                400, "invalidValue")),
                check("protocol.errors.unauthenticated-is-401", ERRORS,
                        "A request without credentials, or with a wrong bearer token, answers 401 and creates nothing (RFC 7644 §2)",
                        ResourceChecks::unauthenticated),
                check("protocol.errors.unparsable-filter-is-400", ERRORS,
                        "A filter that does not parse answers 400 with scimType invalidFilter (RFC 7644 §3.4.2.2, §3.12)",
                        c -> c.expectScimError(c.scim().get("/Users", "filter", "userName eq"), 400, "invalidFilter"),
                        Capability.FILTER),

                check("protocol.content-type.responses-are-scim-json", MEDIA,
                        "Responses, errors included, have Content-Type application/scim+json (RFC 7644 §3.1, §8.1)",
                        c -> {
                            for (ScimResponse r : List.of(c.scim().get("/ServiceProviderConfig"), c.scim().get("/Users/" + UUID.randomUUID()))) {
                                c.expect(r.header("Content-Type").map(t -> t.toLowerCase().startsWith("application/scim+json")).orElse(false),
                                        "Content-Type application/scim+json", r);
                            }
                        }),
                check("protocol.content-type.accepts-application-json", MEDIA,
                        "A body sent as application/json is accepted like application/scim+json (RFC 7644 §8.1; Okta and python clients send it)",
                        c -> {
                            ScimResponse r = c.scim().request("POST", "/Users").header("Content-Type", "application/json")
                                    .body(Payloads.user(c.userName("json"))).send();
                            c.expectStatus(r, 201);
                            c.removeAfterwards("/Users/" + r.id());
                        }),
                check("protocol.content-type.accepts-charset-parameter", MEDIA,
                        "A Content-Type with a charset parameter (application/scim+json; charset=utf-8) is accepted",
                        c -> {
                            ScimResponse r = c.scim().request("POST", "/Users").header("Content-Type", "application/scim+json; charset=utf-8")
                                    .body(Payloads.user(c.userName("charset"))).send();
                            c.expectStatus(r, 201);
                            c.removeAfterwards("/Users/" + r.id());
                        }));
    }

    private static void createUser(CheckContext c) {
        String userName = c.userName("create");
        ScimResponse r = c.create("/Users", Payloads.user(userName));
        JsonNode body = r.json();
        c.expect(userName.equals(body.path("userName").asText()), "userName \"" + userName + "\" as sent", r);
        c.expect(Payloads.hasSchema(body, Payloads.USER), "schemas holding " + Payloads.USER, r);
        c.expect("User".equals(body.path("meta").path("resourceType").asText()), "meta.resourceType \"User\"", r);
        c.expect(body.path("meta").path("created").isTextual() && body.path("meta").path("lastModified").isTextual(),
                "meta.created and meta.lastModified", r);
        c.expect("work".equals(Payloads.typed(body.path("emails"), "work").path("type").asText()), "the work e-mail stored", r);
    }

    private static void locationHeader(CheckContext c) {
        ScimResponse r = c.create("/Users", Payloads.user(c.userName("location")));
        Optional<String> location = r.header("Location");
        c.expect(location.isPresent(), "a Location header", r);
        URI uri = URI.create(location.get());
        c.expect(uri.isAbsolute() && uri.getHost() != null, "an absolute Location URI (scheme and host), not \"" + location.get() + "\"", r);
        c.expect(uri.getPath().endsWith("/Users/" + r.id()), "Location ending /Users/" + r.id(), r);
        c.expect(location.get().equals(r.json().path("meta").path("location").asText()), "Location equal to meta.location", r);
    }

    private static void replaceUser(CheckContext c) {
        String userName = c.userName("put");
        String id = c.create("/Users", Payloads.user(userName)).id();
        String replacement = """
                {"schemas":["%s"],"id":"%s","userName":"%s","active":true,"displayName":"Replaced Name",
                 "name":{"givenName":"New","familyName":"Person"},"emails":[{"type":"work","value":"%s","primary":true}]}"""
                .formatted(Payloads.USER, id, userName, userName);
        ScimResponse r = c.scim().put("/Users/" + id, replacement);
        c.expectStatus(r, 200);
        c.expect("Replaced Name".equals(r.json().path("displayName").asText()), "displayName \"Replaced Name\" in the reply", r);
        ScimResponse get = c.scim().get("/Users/" + id);
        c.expect("New".equals(get.json().path("name").path("givenName").asText()), "name.givenName \"New\" on a later GET", get);
    }

    private static void unauthenticated(CheckContext c) {
        String userName = c.userName("anon");
        ScimResponse none = c.scim().withToken(Optional.empty()).post("/Users", Payloads.user(userName));
        c.expectStatus(none, 401);
        ScimResponse wrong = c.scim().withToken(Optional.of("not-the-token-" + UUID.randomUUID())).get("/Users");
        c.expectScimError(wrong, 401, null);
        ScimResponse check = c.scim().get("/Users", "filter", "userName eq \"" + userName + "\"");
        c.expect(check.status() == 200 && check.json().path("totalResults").asInt(-1) == 0,
                "nothing created by the unauthenticated POST (totalResults 0)", check);
    }
}
