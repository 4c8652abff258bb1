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
import java.util.function.Predicate;

/** RFC 7644 §3.5.2 PATCH: add, replace and remove with every path form, path-less values, and several operations. */
public final class PatchChecks {
    static final String GROUP = "SCIM protocol: PATCH";

    private PatchChecks() {
    }

    public static List<Check> all() {
        return List.of(
                patchUser("add-simple", "add with a simple path sets a single-valued attribute",
                        patch(op("add", "nickName", "\"Nick\"")), u -> "Nick".equals(u.path("nickName").asText())),
                patchUser("replace-simple", "replace with a simple path overwrites it",
                        patch(op("replace", "displayName", "\"Renamed\"")), u -> "Renamed".equals(u.path("displayName").asText())),
                patchUser("remove-simple", "remove with a simple path clears it",
                        patch(op("remove", "title", null)), u -> !u.has("title")),
                patchUser("sub-attribute", "replace of a sub-attribute (name.givenName) leaves its siblings",
                        patch(op("replace", "name.givenName", "\"Changed\"")),
                        u -> "Changed".equals(u.path("name").path("givenName").asText()) && "Family".equals(u.path("name").path("familyName").asText())),
                patchUser("add-multi-valued", "add to a multi-valued attribute appends a value",
                        patch(op("add", "emails", "[{\"type\":\"home\",\"value\":\"home@example.org\"}]")),
                        u -> u.path("emails").size() == 2 && "home@example.org".equals(Payloads.typed(u.path("emails"), "home").path("value").asText())),
                patchUser("replace-value-path", "replace with a value-path filter (emails[type eq \"work\"].value) changes only that value",
                        patch(op("replace", "emails[type eq \"work\"].value", "\"changed@example.org\"")),
                        u -> "changed@example.org".equals(Payloads.typed(u.path("emails"), "work").path("value").asText())),
                patchUser("remove-value-path", "remove with a value-path filter removes only the matching values",
                        patch(op("add", "emails", "[{\"type\":\"home\",\"value\":\"home@example.org\"}]"), op("remove", "emails[type eq \"home\"]", null)),
                        u -> u.path("emails").size() == 1 && "work".equals(u.path("emails").get(0).path("type").asText())),
                patchUser("extension-attribute", "a path with the extension URN (…:enterprise:2.0:User:department) sets the extension attribute",
                        patch(op("add", Payloads.ENTERPRISE + ":department", "\"Research\"")),
                        u -> "Research".equals(u.path(Payloads.ENTERPRISE).path("department").asText())),
                patchUser("path-less-add", "add without a path merges the value object into the resource",
                        patch(op("add", null, "{\"nickName\":\"Merged\",\"title\":\"Lead\"}")),
                        u -> "Merged".equals(u.path("nickName").asText()) && "Lead".equals(u.path("title").asText())),
                patchUser("path-less-replace", "replace without a path replaces the attributes the value names, complex ones merged by sub-attribute",
                        patch(op("replace", null, "{\"displayName\":\"Whole\",\"name\":{\"familyName\":\"Other\"}}")),
                        u -> "Whole".equals(u.path("displayName").asText()) && "Other".equals(u.path("name").path("familyName").asText())),
                patchUser("several-operations", "several operations in one request apply in order",
                        patch(op("replace", "displayName", "\"First\""), op("replace", "displayName", "\"Second\""), op("add", "nickName", "\"N\"")),
                        u -> "Second".equals(u.path("displayName").asText()) && "N".equals(u.path("nickName").asText())),
                patchUser("active-false", "replace active with false deactivates the user, which stays readable",
                        patch(op("replace", "active", "false")), u -> u.path("active").isBoolean() && !u.path("active").asBoolean()),
                check("protocol.patch.group-add-member", GROUP, "add to members adds users to a group (RFC 7644 §3.5.2.1)",
                        c -> {
                            String a = c.create("/Users", Payloads.user(c.userName("ma"))).id();
                            String g = c.create("/Groups", Payloads.group(c.uniqueName("patched"))).id();
                            ScimResponse r = c.scim().patch("/Groups/" + g, patch(op("add", "members", "[{\"value\":\"" + a + "\"}]")));
                            c.expectStatus(r, 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + g);
                            c.expect(Payloads.memberIds(get.json()).equals(List.of(a)), "the group's members [" + a + "]", get);
                        }, Capability.PATCH, Capability.GROUPS),
                check("protocol.patch.group-remove-member-by-filter", GROUP, "remove with members[value eq \"id\"] removes that member only (RFC 7644 §3.5.2.2)",
                        c -> {
                            String a = c.create("/Users", Payloads.user(c.userName("ra"))).id();
                            String b = c.create("/Users", Payloads.user(c.userName("rb"))).id();
                            String g = c.create("/Groups", Payloads.group(c.uniqueName("shrinking"), a, b)).id();
                            ScimResponse r = c.scim().patch("/Groups/" + g, patch(op("remove", "members[value eq \"" + a + "\"]", null)));
                            c.expectStatus(r, 200, 204);
                            ScimResponse get = c.scim().get("/Groups/" + g);
                            c.expect(Payloads.memberIds(get.json()).equals(List.of(b)), "the group's members [" + b + "]", get);
                        }, Capability.PATCH, Capability.GROUPS),
                check("protocol.patch.invalid-path-is-400", GROUP, "a path that names no attribute answers 400 with scimType invalidPath or noTarget, and changes nothing (RFC 7644 §3.5.2, §3.12)",
                        c -> {
                            String id = c.create("/Users", Payloads.user(c.userName("badpath"))).id();
                            ScimResponse r = c.scim().patch("/Users/" + id, patch(op("replace", "displayName", "\"Must Not Stick\""), op("replace", "noSuchAttribute[[", "\"x\"")));
                            c.expectStatus(r, 400);
                            String type = r.json().path("scimType").asText();
                            c.expect(type.equals("invalidPath") || type.equals("noTarget") || type.equals("invalidFilter"), "scimType invalidPath, noTarget or invalidFilter", r);
                            ScimResponse get = c.scim().get("/Users/" + id);
                            c.expect("Conformance User".equals(get.json().path("displayName").asText()), "the earlier operation not applied (displayName unchanged)", get);
                        }, Capability.PATCH));
    }

    /** Creates a user, patches it, and checks both the PATCH reply (when it has a body) and a later GET. */
    private static Check patchUser(String name, String proves, String body, Predicate<JsonNode> expected) {
        return check("protocol.patch." + name, GROUP, "PATCH: " + proves + " (RFC 7644 §3.5.2)", c -> {
            String id = createWithTitle(c);
            ScimResponse r = c.scim().patch("/Users/" + id, body);
            c.expectStatus(r, 200, 204);
            if (r.status() == 200) c.expect(expected.test(r.json()), "the change in the PATCH reply", r);
            ScimResponse get = c.scim().get("/Users/" + id);
            c.expect(expected.test(get.json()), "the change on a later GET", get);
        }, Capability.PATCH);
    }

    private static String createWithTitle(CheckContext c) {
        String userName = c.userName("patch");
        return c.create("/Users", """
                {"schemas":["%s"],"userName":"%s","active":true,"displayName":"Conformance User","title":"Engineer",
                 "name":{"givenName":"Given","familyName":"Family"},"emails":[{"type":"work","value":"%s","primary":true}]}"""
                .formatted(Payloads.USER, userName, userName)).id();
    }
}
