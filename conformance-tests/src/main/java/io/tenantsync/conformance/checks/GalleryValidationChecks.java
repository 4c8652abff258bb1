package io.tenantsync.conformance.checks;

import static io.tenantsync.conformance.checks.Define.check;
import static io.tenantsync.conformance.checks.Payloads.op;
import static io.tenantsync.conformance.checks.Payloads.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.http.ScimResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The direct-SCIM tests of Microsoft's gallery validation Logic App (scim-interop.md §7, entra-semantics.md §5.4)
 * that the Validator list does not already cover: schema discoverability of every attribute Entra maps by default,
 * empty-string and null updates, and group pagination.
 */
public final class GalleryValidationChecks {
    static final String GROUP = "Client shapes: Microsoft gallery validation";
    /**
     * Entra's default user attribute map, as SCIM attribute paths (entra-semantics.md §5.1), less {@code externalId}:
     * a common attribute, which RFC 7643 §3.1 defines for every resource outside any schema.
     */
    static final List<String> ENTRA_DEFAULT_USER_ATTRIBUTES = List.of("userName", "active", "displayName", "title",
            "name.givenName", "name.familyName", "emails.value", "emails.type", "phoneNumbers.value",
            "phoneNumbers.type", "addresses.streetAddress", "addresses.postalCode", "addresses.type",
            Payloads.ENTERPRISE + ":department", Payloads.ENTERPRISE + ":employeeNumber", Payloads.ENTERPRISE + ":manager");

    private GalleryValidationChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("msvalidation.schema-discoverability", GROUP,
                        "Schema_Discoverability: /Schemas describes every attribute Entra maps by default (userName, active, displayName, title, name, emails, phoneNumbers, addresses, enterprise department, employeeNumber, manager; externalId is common to all resources)",
                        GalleryValidationChecks::discoverability),
                check("msvalidation.empty-string-and-null-update", GROUP,
                        "SCIM_Null_Update: PATCH replace with \"\" and then with null clears the attribute (200 or 204), and a GET shows it absent or empty",
                        GalleryValidationChecks::nullUpdate, Capability.PATCH),
                check("msvalidation.group-pagination", GROUP,
                        "SCIM_Group_Pagination: 6 matching groups read with count=5 come as 5 then 1, each page with totalResults 6",
                        GalleryValidationChecks::groupPagination, Capability.GROUPS, Capability.FILTER));
    }

    private static void discoverability(CheckContext c) {
        ScimResponse r = c.scim().get("/Schemas");
        c.expectStatus(r, 200);
        Set<String> described = new HashSet<>();
        for (JsonNode schema : r.resources()) {
            String urn = schema.path("id").asText();
            String prefix = urn.equals(Payloads.USER) ? "" : urn + ":";
            for (JsonNode a : schema.path("attributes")) {
                String name = prefix + a.path("name").asText();
                described.add(name.toLowerCase(Locale.ROOT));
                for (JsonNode sub : a.path("subAttributes")) described.add((name + "." + sub.path("name").asText()).toLowerCase(Locale.ROOT));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String attribute : ENTRA_DEFAULT_USER_ATTRIBUTES) {
            if (!described.contains(attribute.toLowerCase(Locale.ROOT))) missing.add(attribute);
        }
        c.expect(missing.isEmpty(), "every attribute of Entra's default map described; missing: " + missing, r);
    }

    private static void nullUpdate(CheckContext c) {
        String userName = c.userName("null");
        String id = c.create("/Users", """
                {"schemas":["%s"],"userName":"%s","active":true,"title":"Engineer","nickName":"Nick",
                 "emails":[{"type":"work","value":"%s","primary":true}]}""".formatted(Payloads.USER, userName, userName)).id();
        c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "title", "\"\""))), 200, 204);
        ScimResponse afterEmpty = c.scim().get("/Users/" + id);
        c.expect(afterEmpty.json().path("title").asText("").isEmpty(), "title absent or empty after replace with \"\"", afterEmpty);
        c.expectStatus(c.scim().patch("/Users/" + id, patch(op("Replace", "nickName", "null"))), 200, 204);
        ScimResponse afterNull = c.scim().get("/Users/" + id);
        c.expect(afterNull.json().path("nickName").asText("").isEmpty(), "nickName absent or null after replace with null", afterNull);
        c.expect(userName.equals(afterNull.json().path("userName").asText()), "the rest of the user unchanged", afterNull);
    }

    private static void groupPagination(CheckContext c) {
        String prefix = "CT " + c.runId() + " paged ";
        for (int i = 1; i <= 6; i++) c.create("/Groups", Payloads.group(prefix + i));
        Set<String> seen = new HashSet<>();
        int[] sizes = {5, 1};
        for (int page = 0; page < 2; page++) {
            int start = page * 5 + 1;
            ScimResponse r = c.scim().get("/Groups", "filter", "displayName sw \"" + prefix + "\"", "startIndex",
                    Integer.toString(start), "count", "5", "excludedAttributes", "members");
            c.expectStatus(r, 200);
            c.expect(r.json().path("totalResults").asInt(-1) == 6 && r.resources().size() == sizes[page]
                            && r.json().path("startIndex").asInt(-1) == start,
                    "totalResults 6, " + sizes[page] + " groups and startIndex " + start, r);
            r.resources().forEach(g -> seen.add(g.path("id").asText()));
        }
        if (seen.size() != 6) c.fail("the two pages together hold the 6 groups", "they hold " + seen.size());
    }
}
