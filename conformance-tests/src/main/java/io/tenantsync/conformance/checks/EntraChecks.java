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
import java.util.UUID;

/**
 * The Entra provisioning engine's request patterns (scim-interop.md §7, entra-semantics.md §5.2–5.3) with its exact
 * payloads: capitalised ops, string booleans, path-less maps with dotted keys, filtered paths that must create the
 * value, manager references, group member changes as value arrays and as path filters.
 */
public final class EntraChecks {
    static final String GROUP = "Client shapes: Microsoft Entra provisioning";

    private EntraChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("entra.test-connection-random-guid", GROUP, "Test Connection: a filter on the matching attribute with a random GUID answers 200 and an empty ListResponse",
                        c -> {
                            ScimResponse r = c.scim().get("/Users", "filter", "userName eq \"" + UUID.randomUUID() + "\"");
                            c.expectStatus(r, 200);
                            c.expect(Payloads.hasSchema(r.json(), Payloads.LIST_RESPONSE) && r.json().path("totalResults").asInt(-1) == 0,
                                    "a ListResponse with totalResults 0", r);
                        }, Capability.FILTER),
                check("entra.create-user-payload", GROUP, "Entra's create payload (externalId, meta.resourceType, roles [], null-valued attributes) answers 201 with id, meta.created and meta.lastModified",
                        c -> {
                            ScimResponse r = c.create("/Users", entraUser(c.userName("entra"), UUID.randomUUID().toString()));
                            c.expect(r.json().path("meta").has("created") && r.json().path("meta").has("lastModified"), "meta.created and meta.lastModified", r);
                        }),
                check("entra.match-by-userName", GROUP, "Matching: userName eq \"…\" finds the created user (totalResults 1)",
                        c -> {
                            String userName = c.userName("entram");
                            c.create("/Users", entraUser(userName, UUID.randomUUID().toString()));
                            one(c, "userName eq \"" + userName + "\"");
                        }, Capability.FILTER),
                check("entra.match-by-externalId", GROUP, "Matching: externalId eq \"…\" finds the user (Entra matches by externalId since 2026)",
                        c -> {
                            String externalId = UUID.randomUUID().toString();
                            c.create("/Users", entraUser(c.userName("entrax"), externalId));
                            one(c, "externalId eq \"" + externalId + "\"");
                        }, Capability.FILTER),
                check("entra.match-by-work-email", GROUP, "Matching: emails[type eq \"work\"].value eq \"…\" finds the user (uniqueness attributes must be filterable)",
                        c -> {
                            String userName = c.userName("entrae");
                            c.create("/Users", entraUser(userName, UUID.randomUUID().toString()));
                            one(c, "emails[type eq \"work\"].value eq \"" + userName + "\"");
                        }, Capability.FILTER),
                check("entra.patch-capitalised-replace", GROUP, "Update: Replace of emails[type eq \"work\"].value and name.familyName with capitalised ops answers 200 (or 204) and applies both",
                        c -> {
                            String id = entraCreated(c);
                            ScimResponse r = c.scim().patch("/Users/" + id, patch(op("Replace", "emails[type eq \"work\"].value", "\"updated-" + c.runId() + "@example.org\""),
                                    op("Replace", "name.familyName", "\"updatedFamilyName\"")));
                            c.expectStatus(r, 200, 204);
                            JsonNode u = c.scim().get("/Users/" + id).json();
                            c.expect(("updated-" + c.runId() + "@example.org").equals(Payloads.typed(u.path("emails"), "work").path("value").asText())
                                    && "updatedFamilyName".equals(u.path("name").path("familyName").asText()), "both values changed", r);
                        }, Capability.PATCH),
                check("entra.patch-add-filtered-path-creates-value", GROUP, "Add to emails[type eq \"work\"].value when the user has no work e-mail creates it (Entra relies on it)",
                        c -> {
                            String userName = c.userName("entranomail");
                            String id = c.create("/Users", "{\"schemas\":[\"" + Payloads.USER + "\"],\"userName\":\"" + userName + "\",\"active\":true}").id();
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Add", "emails[type eq \"work\"].value", Payloads.quoted(userName)))), 200, 204);
                            ScimResponse get = c.scim().get("/Users/" + id);
                            c.expect(userName.equals(Payloads.typed(get.json().path("emails"), "work").path("value").asText()), "a work e-mail " + userName, get);
                        }, Capability.PATCH),
                check("entra.patch-active-string-boolean", GROUP, "Disable and enable as Entra sends them without aadOptscim062020: Replace active with the strings \"False\" and \"True\"",
                        c -> {
                            String id = entraCreated(c);
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "active", "\"False\""))), 200, 204);
                            ScimResponse off = c.scim().get("/Users/" + id);
                            c.expect(off.json().path("active").isBoolean() && !off.json().path("active").asBoolean(), "active false after \"False\"", off);
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "active", "\"True\""))), 200, 204);
                            ScimResponse on = c.scim().get("/Users/" + id);
                            c.expect(on.json().path("active").asBoolean(false), "active true after \"True\"", on);
                        }, Capability.PATCH),
                check("entra.patch-path-less-dotted-keys", GROUP, "The aadOptscim062020 form: a path-less replace with dotted and URN-prefixed keys in one value map",
                        c -> {
                            String id = entraCreated(c);
                            ScimResponse r = c.scim().patch("/Users/" + id, patch(op("replace", null, "{\"displayName\":\"Dotted Name\",\"name.givenName\":\"Dotted\",\"name.familyName\":\"Keys\",\""
                                    + Payloads.ENTERPRISE + ":employeeNumber\":\"E-42\"}")));
                            c.expectStatus(r, 200, 204);
                            JsonNode u = c.scim().get("/Users/" + id).json();
                            c.expect("Dotted Name".equals(u.path("displayName").asText()) && "Dotted".equals(u.path("name").path("givenName").asText())
                                    && "Keys".equals(u.path("name").path("familyName").asText())
                                    && "E-42".equals(u.path(Payloads.ENTERPRISE).path("employeeNumber").asText()),
                                    "displayName, name.givenName, name.familyName and employeeNumber all set", r);
                        }, Capability.PATCH),
                check("entra.patch-manager-reference", GROUP, "Manager update as Entra sends it: Add manager with [{\"$ref\":…,\"value\":id}]",
                        c -> {
                            String manager = entraCreated(c);
                            String employee = entraCreated(c);
                            c.expectStatus(c.scim().patch("/Users/" + employee, patch(op("Add", "manager",
                                    "[{\"$ref\":\"" + c.scim().baseUrl() + "/Users/" + manager + "\",\"value\":\"" + manager + "\"}]"))), 200, 204);
                            ScimResponse get = c.scim().get("/Users/" + employee);
                            c.expect(manager.equals(Payloads.managerValue(get.json())), "the enterprise manager.value " + manager, get);
                        }, Capability.PATCH),
                check("entra.deactivated-user-still-returned", GROUP, "A user with active false is still returned by GET and by filter; only a DELETE makes it 404 (entra-semantics §5.1)",
                        c -> {
                            String userName = c.userName("entrasoft");
                            String id = c.create("/Users", entraUser(userName, UUID.randomUUID().toString())).id();
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "active", "false"))), 200, 204);
                            c.expectStatus(c.scim().get("/Users/" + id), 200);
                            one(c, "userName eq \"" + userName + "\"");
                            c.expectStatus(c.scim().delete("/Users/" + id), 204);
                            c.expectStatus(c.scim().get("/Users/" + id), 404);
                        }, Capability.PATCH, Capability.FILTER),
                check("entra.create-group-payload", GROUP, "Entra's group create (core plus the ADSCIM group schema URN, externalId, meta) answers 201 with empty members",
                        c -> {
                            ScimResponse r = c.create("/Groups", entraGroup(c.uniqueName("entra")));
                            c.expect(!r.json().has("members") || r.json().path("members").isEmpty(), "no members", r);
                        }, Capability.GROUPS),
                check("entra.group-excluded-members", GROUP, "GET /Groups/{id}?excludedAttributes=members and GET /Groups?excludedAttributes=members&filter=displayName eq … leave members out",
                        c -> {
                            String name = c.uniqueName("entrax");
                            String member = entraCreated(c);
                            String id = c.create("/Groups", Payloads.group(name, member)).id();
                            ScimResponse one = c.scim().get("/Groups/" + id, "excludedAttributes", "members");
                            c.expect(one.status() == 200 && !one.json().has("members"), "200 without members", one);
                            ScimResponse list = c.scim().get("/Groups", "excludedAttributes", "members", "filter", "displayName eq \"" + name + "\"");
                            c.expect(list.status() == 200 && list.resources().size() == 1 && !list.resources().get(0).has("members"), "one group without members", list);
                        }, Capability.GROUPS, Capability.FILTER),
                check("entra.group-member-add-and-remove-value-array", GROUP, "Add then Remove members with value arrays and \"$ref\": null, as Entra sends them",
                        c -> {
                            String member = entraCreated(c);
                            String id = c.create("/Groups", entraGroup(c.uniqueName("entram"))).id();
                            c.expectStatus(c.scim().patch("/Groups/" + id, patch(op("Add", "members", "[{\"$ref\":null,\"value\":\"" + member + "\"}]"))), 200, 204);
                            ScimResponse added = c.scim().get("/Groups/" + id);
                            c.expect(Payloads.memberIds(added.json()).equals(List.of(member)), "the member added", added);
                            c.expectStatus(c.scim().patch("/Groups/" + id, patch(op("Remove", "members", "[{\"$ref\":null,\"value\":\"" + member + "\"}]"))), 200, 204);
                            ScimResponse removed = c.scim().get("/Groups/" + id);
                            c.expect(Payloads.memberIds(removed.json()).isEmpty(), "no members after Remove", removed);
                        }, Capability.GROUPS, Capability.PATCH),
                check("entra.group-member-remove-by-path-filter", GROUP, "Remove a member with the aadOptscim062020 path members[value eq \"…\"]",
                        c -> {
                            String a = entraCreated(c);
                            String b = entraCreated(c);
                            String id = c.create("/Groups", Payloads.group(c.uniqueName("entrap"), a, b)).id();
                            c.expectStatus(c.scim().patch("/Groups/" + id, patch(op("remove", "members[value eq \"" + a + "\"]", null))), 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + id);
                            c.expect(Payloads.memberIds(get.json()).equals(List.of(b)), "only " + b + " left", get);
                        }, Capability.GROUPS, Capability.PATCH),
                check("entra.group-rename", GROUP, "Group rename as Entra sends it: Replace displayName",
                        c -> {
                            String id = c.create("/Groups", entraGroup(c.uniqueName("entrar"))).id();
                            String renamed = c.uniqueName("entra-renamed");
                            c.expectStatus(c.scim().patch("/Groups/" + id, patch(op("Replace", "displayName", Payloads.quoted(renamed)))), 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + id);
                            c.expect(renamed.equals(get.json().path("displayName").asText()), "displayName " + renamed, get);
                        }, Capability.GROUPS, Capability.PATCH));
    }

    /** Entra's documented create body, with the null-valued attributes its older walkthrough shows. */
    static String entraUser(String userName, String externalId) {
        return """
                {"schemas":["%s","%s"],"externalId":"%s","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[],"addresses":null,"phoneNumbers":null,"title":null}"""
                .formatted(Payloads.USER, Payloads.ENTERPRISE, externalId, userName, userName);
    }

    static String entraGroup(String displayName) {
        return """
                {"schemas":["%s","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"%s","displayName":"%s","meta":{"resourceType":"Group"}}"""
                .formatted(Payloads.GROUP, UUID.randomUUID(), displayName);
    }

    private static String entraCreated(CheckContext c) {
        return c.create("/Users", entraUser(c.userName("entra"), UUID.randomUUID().toString())).id();
    }

    private static void one(CheckContext c, String filter) {
        ScimResponse r = c.scim().get("/Users", "filter", filter);
        c.expectStatus(r, 200);
        c.expect(r.json().path("totalResults").asInt(-1) == 1 && r.resources().size() == 1, "exactly one user", r);
    }
}
