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
 * The Microsoft SCIM Validator's tests (scim-interop.md §7: 24 plus the preview ones), each replayed with the request
 * shapes the validator uses: path-less value maps with dotted keys, string-typed values, capitalised ops.
 */
public final class MicrosoftValidatorChecks {
    static final String GROUP = "Client shapes: Microsoft SCIM Validator";

    private MicrosoftValidatorChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("msvalidator.create-user", GROUP, "Create a new User: 201 with an id and the userName",
                        c -> {
                            String userName = c.userName("msv");
                            ScimResponse r = c.create("/Users", validatorUser(userName));
                            c.expect(userName.equals(r.json().path("userName").asText()), "userName as sent", r);
                        }),
                check("msvalidator.create-duplicate-user", GROUP, "Create a duplicate User: 409",
                        c -> {
                            String userName = c.userName("msvdup");
                            c.create("/Users", validatorUser(userName));
                            c.expectStatus(c.scim().post("/Users", validatorUser(userName)), 409);
                        }),
                check("msvalidator.filter-existing-user", GROUP, "Filter for an existing user: userName eq finds it",
                        c -> findsOne(c, "/Users", "userName eq \"" + created(c) [1] + "\""), Capability.FILTER),
                check("msvalidator.filter-non-existing-user", GROUP, "Filter for a non-existing user: 200 with totalResults 0",
                        c -> findsNone(c, "/Users", "userName eq \"" + UUID.randomUUID() + "@" + c.userDomain() + "\""), Capability.FILTER),
                check("msvalidator.filter-existing-user-different-case", GROUP, "Filter for an existing user with a different case: still found",
                        c -> findsOne(c, "/Users", "userName eq \"" + created(c)[1].toUpperCase() + "\""), Capability.FILTER),
                check("msvalidator.patch-user-replace-attributes-verbose", GROUP,
                        "Patch User – Replace Attributes Verbose: a path-less Replace whose value map has dotted keys and string values",
                        c -> {
                            String id = created(c)[0];
                            ScimResponse r = c.scim().patch("/Users/" + id, patch(op("Replace", null,
                                    "{\"displayName\":\"Verbose Name\",\"name.givenName\":\"Verbose\",\"name.familyName\":\"Replaced\",\"title\":\"Director\"}")));
                            c.expectStatus(r, 200, 204);
                            JsonNode u = c.scim().get("/Users/" + id).json();
                            c.expect("Verbose".equals(u.path("name").path("givenName").asText()) && "Replaced".equals(u.path("name").path("familyName").asText())
                                    && "Director".equals(u.path("title").asText()) && "Verbose Name".equals(u.path("displayName").asText()),
                                    "name.givenName Verbose, name.familyName Replaced, title Director, displayName Verbose Name", r);
                        }, Capability.PATCH),
                check("msvalidator.update-user-userName", GROUP, "Update User userName: Replace userName, the new one is found by filter",
                        c -> {
                            String id = created(c)[0];
                            String renamed = c.userName("renamed");
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "userName", Payloads.quoted(renamed)))), 200, 204);
                            findsOne(c, "/Users", "userName eq \"" + renamed + "\"");
                        }, Capability.PATCH, Capability.FILTER),
                check("msvalidator.patch-user-disable", GROUP, "Patch User – Disable User: Replace active with the string \"False\" as the validator sends it",
                        c -> {
                            String id = created(c)[0];
                            ScimResponse r = c.scim().patch("/Users/" + id, patch(op("Replace", "active", "\"False\"")));
                            c.expectStatus(r, 200, 204);
                            ScimResponse get = c.scim().get("/Users/" + id);
                            c.expect(get.json().path("active").isBoolean() && !get.json().path("active").asBoolean(), "active false", get);
                        }, Capability.PATCH),
                check("msvalidator.patch-user-add-manager", GROUP, "Patch User – Add Manager: Add the enterprise manager as a bare id string",
                        c -> managerCase(c, "bare"), Capability.PATCH),
                check("msvalidator.patch-user-replace-manager", GROUP, "Patch User – Replace Manager: Replace with {\"value\": id}",
                        c -> managerCase(c, "object"), Capability.PATCH),
                check("msvalidator.patch-user-remove-manager", GROUP, "Patch User – Remove Manager: Replace with an empty string removes it",
                        c -> managerCase(c, "empty"), Capability.PATCH),
                check("msvalidator.patch-user-multiple-ops-different-attributes", GROUP, "Patch User – Multiple Ops on different attributes (preview)",
                        c -> {
                            String id = created(c)[0];
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "displayName", "\"Multi\""), op("Add", "nickName", "\"Nick\""),
                                    op("Replace", "title", "\"Boss\""))), 200, 204);
                            ScimResponse get = c.scim().get("/Users/" + id);
                            c.expect("Multi".equals(get.json().path("displayName").asText()) && "Nick".equals(get.json().path("nickName").asText())
                                    && "Boss".equals(get.json().path("title").asText()), "displayName Multi, nickName Nick, title Boss", get);
                        }, Capability.PATCH),
                check("msvalidator.patch-user-multiple-ops-same-attribute", GROUP, "Patch User – Multiple Ops on the same attribute (preview): the last wins",
                        c -> {
                            String id = created(c)[0];
                            c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "title", "\"One\""), op("Replace", "title", "\"Two\""))), 200, 204);
                            ScimResponse get = c.scim().get("/Users/" + id);
                            c.expect("Two".equals(get.json().path("title").asText()), "title Two", get);
                        }, Capability.PATCH),
                check("msvalidator.delete-user", GROUP, "Delete a User: 204, then 404",
                        c -> {
                            String id = created(c)[0];
                            c.expectStatus(c.scim().delete("/Users/" + id), 204);
                            c.expectStatus(c.scim().get("/Users/" + id), 404);
                        }),
                check("msvalidator.delete-non-existent-user", GROUP, "Delete a non-existent User (preview): 404",
                        c -> c.expectScimError(c.scim().delete("/Users/" + UUID.randomUUID()), 404, null)),
                check("msvalidator.delete-same-user-twice", GROUP, "Delete the same User twice (preview): 204 then 404",
                        c -> {
                            String id = created(c)[0];
                            c.expectStatus(c.scim().delete("/Users/" + id), 204);
                            c.expectScimError(c.scim().delete("/Users/" + id), 404, null);
                        }),

                check("msvalidator.create-group", GROUP, "Create a new Group: 201 with the displayName",
                        c -> {
                            String name = c.uniqueName("msv");
                            ScimResponse r = c.create("/Groups", Payloads.group(name));
                            c.expect(name.equals(r.json().path("displayName").asText()), "displayName as sent", r);
                        }, Capability.GROUPS),
                check("msvalidator.create-duplicate-group", GROUP, "Create a duplicate Group: 409 (Entra needs unique group displayNames)",
                        c -> {
                            String name = c.uniqueName("msvdup");
                            c.create("/Groups", Payloads.group(name));
                            c.expectStatus(c.scim().post("/Groups", Payloads.group(name)), 409);
                        }, Capability.GROUPS),
                check("msvalidator.get-group-excluding-members", GROUP, "Get group by id excluding members: excludedAttributes=members leaves members out",
                        c -> {
                            String[] g = groupWithMember(c);
                            ScimResponse r = c.scim().get("/Groups/" + g[0], "excludedAttributes", "members");
                            c.expectStatus(r, 200);
                            c.expect(!r.json().has("members") && g[1].equals(r.json().path("displayName").asText()), "displayName and no members", r);
                        }, Capability.GROUPS),
                check("msvalidator.filter-existing-group-excluding-members", GROUP, "Filter for existing group excluding members",
                        c -> {
                            String[] g = groupWithMember(c);
                            ScimResponse r = c.scim().get("/Groups", "excludedAttributes", "members", "filter", "displayName eq \"" + g[1] + "\"");
                            c.expectStatus(r, 200);
                            c.expect(r.resources().size() == 1 && !r.resources().get(0).has("members"), "one group without members", r);
                        }, Capability.GROUPS, Capability.FILTER),
                check("msvalidator.filter-existing-group", GROUP, "Filter for an existing group: displayName eq finds it",
                        c -> findsOne(c, "/Groups", "displayName eq \"" + groupWithMember(c)[1] + "\""), Capability.GROUPS, Capability.FILTER),
                check("msvalidator.filter-non-existing-group", GROUP, "Filter for a non-existing group: 200 with totalResults 0",
                        c -> findsNone(c, "/Groups", "displayName eq \"" + UUID.randomUUID() + "\""), Capability.GROUPS, Capability.FILTER),
                check("msvalidator.filter-existing-group-different-case", GROUP, "Filter for existing group with a different case: found (displayName is caseExact false)",
                        c -> findsOne(c, "/Groups", "displayName eq \"" + groupWithMember(c)[1].toUpperCase() + "\""), Capability.GROUPS, Capability.FILTER),
                check("msvalidator.patch-group-replace-attributes", GROUP, "Patch Group – Replace Attributes: a path-less Replace of displayName",
                        c -> {
                            String[] g = groupWithMember(c);
                            String renamed = c.uniqueName("replaced");
                            c.expectStatus(c.scim().patch("/Groups/" + g[0], patch(op("Replace", null, "{\"displayName\":" + Payloads.quoted(renamed) + "}"))), 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + g[0]);
                            c.expect(renamed.equals(get.json().path("displayName").asText()), "displayName " + renamed, get);
                        }, Capability.GROUPS, Capability.PATCH),
                check("msvalidator.update-group-displayName", GROUP, "Update Group displayName: Replace with path displayName",
                        c -> {
                            String[] g = groupWithMember(c);
                            String renamed = c.uniqueName("updated");
                            c.expectStatus(c.scim().patch("/Groups/" + g[0], patch(op("Replace", "displayName", Payloads.quoted(renamed)))), 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + g[0]);
                            c.expect(renamed.equals(get.json().path("displayName").asText()), "displayName " + renamed, get);
                        }, Capability.GROUPS, Capability.PATCH),
                check("msvalidator.patch-group-add-member", GROUP, "Patch Group – Add Member",
                        c -> {
                            String[] g = groupWithMember(c);
                            String other = c.create("/Users", validatorUser(c.userName("msvm"))).id();
                            c.expectStatus(c.scim().patch("/Groups/" + g[0], patch(op("Add", "members", "[{\"value\":\"" + other + "\"}]"))), 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + g[0]);
                            c.expect(Payloads.memberIds(get.json()).containsAll(List.of(g[2], other)), "both members", get);
                        }, Capability.GROUPS, Capability.PATCH),
                check("msvalidator.patch-group-remove-member", GROUP, "Patch Group – Remove Member",
                        c -> {
                            String[] g = groupWithMember(c);
                            c.expectStatus(c.scim().patch("/Groups/" + g[0], patch(op("Remove", "members", "[{\"value\":\"" + g[2] + "\"}]"))), 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + g[0]);
                            c.expect(Payloads.memberIds(get.json()).isEmpty(), "no members", get);
                        }, Capability.GROUPS, Capability.PATCH),
                check("msvalidator.delete-group", GROUP, "Delete a Group: 204, then 404",
                        c -> {
                            String[] g = groupWithMember(c);
                            c.expectStatus(c.scim().delete("/Groups/" + g[0]), 204);
                            c.expectStatus(c.scim().get("/Groups/" + g[0]), 404);
                        }, Capability.GROUPS),
                check("msvalidator.delete-non-existent-group", GROUP, "Delete a non-existent Group (preview): 404",
                        c -> c.expectScimError(c.scim().delete("/Groups/" + UUID.randomUUID()), 404, null), Capability.GROUPS),
                check("msvalidator.delete-same-group-twice", GROUP, "Delete the same Group twice (preview): 204 then 404",
                        c -> {
                            String[] g = groupWithMember(c);
                            c.expectStatus(c.scim().delete("/Groups/" + g[0]), 204);
                            c.expectScimError(c.scim().delete("/Groups/" + g[0]), 404, null);
                        }, Capability.GROUPS));
    }

    /** The validator's user: default attributes, string values. */
    static String validatorUser(String userName) {
        return """
                {"schemas":["%s","%s"],"userName":"%s","active":true,"displayName":"Validator User","title":"Tester",
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "name":{"givenName":"Validator","familyName":"User"},
                 "%s":{"employeeNumber":"1234","department":"Validation"}}"""
                .formatted(Payloads.USER, Payloads.ENTERPRISE, userName, userName, Payloads.ENTERPRISE);
    }

    /** A new validator user: {id, userName}. */
    private static String[] created(CheckContext c) {
        String userName = c.userName("msv");
        return new String[] {c.create("/Users", validatorUser(userName)).id(), userName};
    }

    /** A new group with one member: {group id, displayName, member id}. */
    private static String[] groupWithMember(CheckContext c) {
        String member = created(c)[0];
        String name = c.uniqueName("msvg");
        return new String[] {c.create("/Groups", Payloads.group(name, member)).id(), name, member};
    }

    private static void findsOne(CheckContext c, String endpoint, String filter) {
        ScimResponse r = c.scim().get(endpoint, "filter", filter);
        c.expectStatus(r, 200);
        c.expect(r.json().path("totalResults").asInt(-1) == 1 && r.resources().size() == 1, "exactly one result", r);
    }

    private static void findsNone(CheckContext c, String endpoint, String filter) {
        ScimResponse r = c.scim().get(endpoint, "filter", filter);
        c.expectStatus(r, 200);
        c.expect(r.json().path("totalResults").asInt(-1) == 0 && r.resources().isEmpty(), "totalResults 0 and no Resources", r);
    }

    private static void managerCase(CheckContext c, String form) {
        String manager = created(c)[0];
        String employee = created(c)[0];
        String path = Payloads.ENTERPRISE + ":manager";
        if (form.equals("bare")) {
            c.expectStatus(c.scim().patch("/Users/" + employee, patch(op("Add", path, Payloads.quoted(manager)))), 200, 204);
        } else {
            c.expectStatus(c.scim().patch("/Users/" + employee, patch(op("Add", path, "{\"value\":\"" + manager + "\"}"))), 200, 204);
        }
        ScimResponse get = c.scim().get("/Users/" + employee);
        c.expect(manager.equals(Payloads.managerValue(get.json())), "manager.value " + manager, get);
        if (form.equals("object")) {
            String next = created(c)[0];
            c.expectStatus(c.scim().patch("/Users/" + employee, patch(op("Replace", path, "{\"value\":\"" + next + "\"}"))), 200, 204);
            ScimResponse after = c.scim().get("/Users/" + employee);
            c.expect(next.equals(Payloads.managerValue(after.json())), "manager.value " + next + " after Replace", after);
        }
        if (form.equals("empty")) {
            c.expectStatus(c.scim().patch("/Users/" + employee, patch(op("Replace", path, "\"\""))), 200, 204);
            ScimResponse after = c.scim().get("/Users/" + employee);
            c.expect(Payloads.managerValue(after.json()).isEmpty(), "no manager after Replace with \"\"", after);
        }
    }
}
