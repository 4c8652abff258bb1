package io.tenantsync.conformance.checks;

import static io.tenantsync.conformance.checks.Define.check;
import static io.tenantsync.conformance.checks.Payloads.op;
import static io.tenantsync.conformance.checks.Payloads.patch;

import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.http.ScimResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Okta's "SCIM 2.0 SPEC Test" steps (scim-interop.md §7), in its order and with its request shapes (bodies sent as
 * {@code application/json}), plus the deactivate/reactivate of its CRUD test (Okta never DELETEs users).
 */
public final class OktaChecks {
    static final String GROUP = "Client shapes: Okta SPEC test";

    private OktaChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("okta.list-users-count-1", GROUP, "Step 1: GET /Users?count=1&startIndex=1 answers a ListResponse with at most one user and its totalResults",
                        c -> {
                            c.create("/Users", oktaUser(c.userName("okta")));
                            ScimResponse r = c.scim().get("/Users", "count", "1", "startIndex", "1");
                            c.expectStatus(r, 200);
                            c.expect(Payloads.hasSchema(r.json(), Payloads.LIST_RESPONSE) && r.resources().size() == 1
                                    && r.json().path("totalResults").asInt() >= 1 && r.json().has("itemsPerPage") && r.json().has("startIndex"),
                                    "a ListResponse with one user, totalResults >= 1, itemsPerPage and startIndex", r);
                        }),
                check("okta.get-user-by-id", GROUP, "Step 2: GET /Users/{id} of a listed user answers it with id, userName, name, emails and active",
                        c -> {
                            String id = c.create("/Users", oktaUser(c.userName("okta"))).id();
                            ScimResponse r = c.scim().get("/Users/" + id);
                            c.expectStatus(r, 200);
                            c.expect(r.json().has("userName") && r.json().has("name") && r.json().has("emails") && r.json().has("active"),
                                    "userName, name, emails and active", r);
                        }),
                check("okta.filter-invalid-user-returns-none", GROUP, "Step 3: a userName filter for an invalid user answers 200 with totalResults 0",
                        c -> none(c, "userName eq \"invalid-" + UUID.randomUUID() + "@" + c.userDomain() + "\""), Capability.FILTER),
                check("okta.get-unknown-id-is-404", GROUP, "Step 4: GET /Users/{random id} answers 404 with a SCIM error",
                        c -> c.expectScimError(c.scim().get("/Users/" + UUID.randomUUID()), 404, null)),
                check("okta.filter-random-user-returns-none", GROUP, "Step 5: a userName filter for a random user answers 200 with totalResults 0",
                        c -> none(c, "userName eq \"" + UUID.randomUUID() + "@" + c.userDomain() + "\""), Capability.FILTER),
                check("okta.create-user-application-json", GROUP, "Steps 6–7: POST /Users as application/json creates the user, and GET returns what was sent",
                        c -> {
                            String userName = c.userName("oktajson");
                            ScimResponse r = c.scim().request("POST", "/Users").header("Content-Type", "application/json")
                                    .header("Accept", "application/json").body(oktaUser(userName)).send();
                            c.expectStatus(r, 201);
                            c.removeAfterwards("/Users/" + r.id());
                            ScimResponse get = c.scim().get("/Users/" + r.id());
                            c.expect(userName.equals(get.json().path("userName").asText()) && "Okta".equals(get.json().path("name").path("givenName").asText()),
                                    "userName and name.givenName as sent", get);
                        }),
                check("okta.duplicate-user-is-409", GROUP, "Step 8: creating the same user again answers 409",
                        c -> {
                            String userName = c.userName("oktadup");
                            c.create("/Users", oktaUser(userName));
                            c.expectScimError(c.scim().request("POST", "/Users").header("Content-Type", "application/json").body(oktaUser(userName)).send(), 409, "uniqueness");
                        }),
                check("okta.filter-uppercased-userName", GROUP, "Step 9: a userName filter with the userName upper-cased finds the user",
                        c -> {
                            String userName = c.userName("oktacase");
                            c.create("/Users", oktaUser(userName));
                            ScimResponse r = c.scim().get("/Users", "filter", "userName eq \"" + userName.toUpperCase() + "\"");
                            c.expectStatus(r, 200);
                            c.expect(r.json().path("totalResults").asInt() == 1, "totalResults 1", r);
                        }, Capability.FILTER),
                check("okta.list-groups", GROUP, "Step 10: GET /Groups answers a ListResponse (Okta also times it: optional, under 600 ms)",
                        c -> {
                            ScimResponse r = c.scim().get("/Groups");
                            c.expectStatus(r, 200);
                            c.expect(Payloads.hasSchema(r.json(), Payloads.LIST_RESPONSE), "a ListResponse", r);
                        }, Capability.GROUPS),
                check("okta.bad-token-is-401", GROUP, "Step 11: a wrong bearer token answers 401 with a SCIM error",
                        c -> c.expectScimError(c.scim().withToken(Optional.of("okta-wrong-" + UUID.randomUUID())).get("/Users"), 401, null)),
                check("okta.deactivate-and-reactivate", GROUP, "CRUD test: PATCH active false deactivates (the user stays readable and findable), active true reactivates",
                        c -> {
                            String userName = c.userName("oktalife");
                            String id = c.create("/Users", oktaUser(userName)).id();
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("replace", null, "{\"active\":false}"))), 200, 204);
                            ScimResponse off = c.scim().get("/Users", "filter", "userName eq \"" + userName + "\"");
                            c.expect(off.resources().size() == 1 && !off.resources().get(0).path("active").asBoolean(true),
                                    "the deactivated user found by filter with active false", off);
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("replace", null, "{\"active\":true}"))), 200, 204);
                            ScimResponse on = c.scim().get("/Users/" + id);
                            c.expect(on.json().path("active").asBoolean(false), "active true again", on);
                        }, Capability.PATCH, Capability.FILTER));
    }

    static String oktaUser(String userName) {
        return """
                {"schemas":["%s"],"userName":"%s","name":{"givenName":"Okta","familyName":"Tester"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Okta Tester","locale":"en-US",
                 "externalId":"00u%s","groups":[],"password":"1mPa$$w0rd!","active":true}"""
                .formatted(Payloads.USER, userName, userName, UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    private static void none(CheckContext c, String filter) {
        ScimResponse r = c.scim().get("/Users", "filter", filter);
        c.expectStatus(r, 200);
        c.expect(Payloads.hasSchema(r.json(), Payloads.LIST_RESPONSE) && r.json().path("totalResults").asInt(-1) == 0 && r.resources().isEmpty(),
                "a ListResponse with totalResults 0", r);
    }
}
