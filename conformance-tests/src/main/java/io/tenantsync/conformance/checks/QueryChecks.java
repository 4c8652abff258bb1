package io.tenantsync.conformance.checks;

import static io.tenantsync.conformance.checks.Define.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.check.Population;
import io.tenantsync.conformance.http.ScimResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** RFC 7644 §3.4.2 filtering (every operator and their combinations), §3.4.2.3 sorting, §3.4.2.4 paging, §3.4.2.5 projection. */
public final class QueryChecks {
    static final String FILTER = "SCIM protocol: filter";
    static final String SORT = "SCIM protocol: sort";
    static final String PAGING = "SCIM protocol: paging";
    static final String PROJECTION = "SCIM protocol: projection";

    private QueryChecks() {
    }

    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(filter("eq", "userName eq finds exactly that user", p -> "userName eq \"" + p.userName(5) + "\"", Set.of(5)));
        checks.add(check("protocol.filter.eq-userName-ignores-case", FILTER,
                "userName is caseExact false, so userName eq with the value upper-cased finds the user (RFC 7643 §4.1.1; Okta and the Microsoft validator query so)",
                c -> expectFound(c, "userName eq \"" + c.population().userName(7).toUpperCase() + "\"", Set.of(7)), Capability.FILTER));
        checks.add(filter("ne", "ne excludes the matching users", p -> p.scope() + " and title ne \"Engineer\"", Set.of(2, 4, 6, 8, 10, 12)));
        checks.add(filter("co", "co matches a substring", p -> "userName co \"" + p.prefix() + "1\"", Set.of(10, 11, 12)));
        checks.add(filter("sw", "sw matches a prefix", p -> "userName sw \"" + p.prefix() + "0\"", range(1, 9)));
        checks.add(filter("ew", "ew matches a suffix", p -> p.scope() + " and externalId ew \"-05\"", Set.of(5)));
        checks.add(filter("pr", "pr matches users that have the attribute", p -> p.scope() + " and nickName pr", Set.of(3, 6, 9, 12)));
        checks.add(filter("gt", "gt compares strings lexicographically", p -> p.scope() + " and externalId gt \"" + p.externalPrefix() + "10\"", Set.of(11, 12)));
        checks.add(filter("ge", "ge includes the bound", p -> "externalId ge \"" + p.externalPrefix() + "10\" and " + p.scope(), Set.of(10, 11, 12)));
        checks.add(filter("lt", "lt compares strings lexicographically", p -> p.scope() + " and externalId lt \"" + p.externalPrefix() + "03\"", Set.of(1, 2)));
        checks.add(filter("le", "le includes the bound", p -> p.scope() + " and externalId le \"" + p.externalPrefix() + "03\"", Set.of(1, 2, 3)));
        checks.add(filter("datetime-gt", "gt on a dateTime attribute (meta.created) compares instants", p -> p.scope() + " and meta.created gt \"2000-01-01T00:00:00Z\"", range(1, 12)));
        checks.add(filter("boolean-eq", "eq on a boolean attribute", p -> p.scope() + " and active eq false", Set.of(12)));
        checks.add(filter("and", "and requires both", p -> p.scope() + " and title eq \"Manager\" and nickName pr", Set.of(6, 12)));
        checks.add(filter("or", "or accepts either", p -> "userName eq \"" + p.userName(1) + "\" or userName eq \"" + p.userName(2) + "\"", Set.of(1, 2)));
        checks.add(filter("not", "not negates a parenthesised expression", p -> p.scope() + " and not (title eq \"Engineer\")", Set.of(2, 4, 6, 8, 10, 12)));
        checks.add(filter("precedence", "and binds tighter than or, and parentheses override it",
                p -> p.scope() + " and (externalId eq \"" + p.externalPrefix() + "01\" or externalId eq \"" + p.externalPrefix() + "02\") and title eq \"Engineer\"",
                Set.of(1)));
        checks.add(filter("sub-attribute", "a sub-attribute path (name.familyName) filters", p -> "name.familyName eq \"" + Population.familyName(4) + "\" and " + p.scope(), Set.of(4)));
        checks.add(filter("value-path", "a value path with its own filter (emails[type eq \"work\" and value eq …])",
                p -> "emails[type eq \"work\" and value eq \"" + p.userName(8) + "\"]", Set.of(8)));
        checks.add(filter("multi-valued-sub-attribute", "emails.value eq matches any of the user's e-mails", p -> "emails.value eq \"" + p.userName(9) + "\"", Set.of(9)));
        checks.add(filter("externalId-eq", "externalId eq finds the user (Entra matches by externalId; a silent miss makes it create a duplicate)",
                p -> "externalId eq \"" + p.externalPrefix() + "11\"", Set.of(11)));
        checks.add(filter("attribute-names-ignore-case", "attribute names and operators are case-insensitive (USERNAME EQ …, RFC 7644 §3.4.2.2)",
                p -> "USERNAME EQ \"" + p.userName(3) + "\"", Set.of(3)));
        checks.add(check("protocol.filter.no-match-is-200-empty", FILTER,
                "A filter nothing matches answers 200 with totalResults 0 (never 404)",
                c -> {
                    ScimResponse r = c.scim().get("/Users", "filter", "userName eq \"nobody-" + c.runId() + "@" + c.userDomain() + "\"");
                    c.expectStatus(r, 200);
                    c.expect(r.json().path("totalResults").asInt(-1) == 0 && r.resources().isEmpty(), "totalResults 0 and no Resources", r);
                }, Capability.FILTER));
        checks.add(check("protocol.filter.post-search", FILTER,
                "POST /Users/.search with a SearchRequest filters like GET (RFC 7644 §3.4.3)",
                c -> {
                    Population p = c.population();
                    String body = "{\"schemas\":[\"" + Payloads.SEARCH_REQUEST + "\"],\"filter\":" + Payloads.quoted("userName eq \"" + p.userName(6) + "\"")
                            + ",\"startIndex\":1,\"count\":10}";
                    ScimResponse r = c.scim().post("/Users/.search", body);
                    c.expectStatus(r, 200);
                    expectIds(c, r, p, Set.of(6));
                }, Capability.FILTER));
        checks.add(check("protocol.filter.group-displayName", FILTER,
                "displayName eq on /Groups finds the group",
                c -> {
                    String name = c.uniqueName("filtered");
                    String id = c.create("/Groups", Payloads.group(name)).id();
                    ScimResponse r = c.scim().get("/Groups", "filter", "displayName eq \"" + name + "\"");
                    c.expectStatus(r, 200);
                    c.expect(r.json().path("totalResults").asInt() == 1 && r.resources().size() == 1 && id.equals(r.resources().get(0).path("id").asText()),
                            "exactly the group " + id, r);
                }, Capability.FILTER, Capability.GROUPS));

        checks.add(check("protocol.sort.ascending", SORT, "sortBy=userName returns users in ascending userName order (RFC 7644 §3.4.2.3)",
                c -> expectOrder(c, "userName", null, range(1, 12).stream().sorted().toList()), Capability.SORT, Capability.FILTER));
        checks.add(check("protocol.sort.descending", SORT, "sortOrder=descending reverses the order",
                c -> expectOrder(c, "userName", "descending", range(1, 12).stream().sorted(Comparator.reverseOrder()).toList()), Capability.SORT, Capability.FILTER));
        checks.add(check("protocol.sort.sub-attribute", SORT, "sortBy=name.familyName sorts by a sub-attribute",
                c -> expectOrder(c, "name.familyName", "ascending", range(1, 12).stream().sorted(Comparator.reverseOrder()).toList()), Capability.SORT, Capability.FILTER));

        checks.add(check("protocol.paging.pages-of-five", PAGING,
                "12 matching users read with count=5 come in pages of 5, 5 and 2 at startIndex 1, 6 and 11, each with totalResults 12, itemsPerPage and startIndex echoed, together every user once (RFC 7644 §3.4.2.4; Entra's gallery validation pages >= 11 users by 5)",
                QueryChecks::pagesOfFive, Capability.FILTER));
        checks.add(check("protocol.paging.count-zero", PAGING,
                "count=0 answers only totalResults, no resources (RFC 7644 §3.4.2.4)",
                c -> {
                    Population p = c.population();
                    ScimResponse r = c.scim().get("/Users", "filter", p.scope(), "count", "0");
                    c.expectStatus(r, 200);
                    c.expect(r.json().path("totalResults").asInt(-1) == Population.SIZE, "totalResults " + Population.SIZE, r);
                    c.expect(r.resources().isEmpty(), "no Resources", r);
                }, Capability.FILTER));
        checks.add(check("protocol.paging.start-beyond-end", PAGING,
                "A startIndex past the last result answers 200 with no resources and the full totalResults",
                c -> {
                    Population p = c.population();
                    ScimResponse r = c.scim().get("/Users", "filter", p.scope(), "startIndex", "100", "count", "5");
                    c.expectStatus(r, 200);
                    c.expect(r.json().path("totalResults").asInt(-1) == Population.SIZE && r.resources().isEmpty(),
                            "totalResults " + Population.SIZE + " and no Resources", r);
                }, Capability.FILTER));
        checks.add(check("protocol.paging.list-without-filter", PAGING,
                "GET /Users?startIndex=1&count=1 lists at most one user with totalResults counting all (Okta's first SPEC step)",
                c -> {
                    c.population();
                    ScimResponse r = c.scim().get("/Users", "startIndex", "1", "count", "1");
                    c.expectStatus(r, 200);
                    c.expect(Payloads.hasSchema(r.json(), Payloads.LIST_RESPONSE), "a ListResponse", r);
                    c.expect(r.resources().size() == 1 && r.json().path("totalResults").asInt() >= Population.SIZE,
                            "one resource and totalResults >= " + Population.SIZE, r);
                }));

        checks.add(check("protocol.projection.attributes", PROJECTION,
                "attributes=userName returns id and userName but not displayName (RFC 7644 §3.4.2.5; id is always returned)",
                c -> {
                    String id = c.population().id(1);
                    ScimResponse r = c.scim().get("/Users/" + id, "attributes", "userName");
                    c.expectStatus(r, 200);
                    c.expect(id.equals(r.id()) && r.json().has("userName"), "id and userName", r);
                    c.expect(!r.json().has("displayName") && !r.json().has("emails"), "no displayName, no emails", r);
                }));
        checks.add(check("protocol.projection.excluded-attributes", PROJECTION,
                "excludedAttributes=emails,name leaves those out and keeps the rest",
                c -> {
                    String id = c.population().id(2);
                    ScimResponse r = c.scim().get("/Users/" + id, "excludedAttributes", "emails,name");
                    c.expectStatus(r, 200);
                    c.expect(!r.json().has("emails") && !r.json().has("name"), "no emails, no name", r);
                    c.expect(id.equals(r.id()) && r.json().has("userName") && r.json().has("displayName"), "id, userName and displayName kept", r);
                }));
        checks.add(check("protocol.projection.list-attributes", PROJECTION,
                "attributes= applies to every resource of a list",
                c -> {
                    Population p = c.population();
                    ScimResponse r = c.scim().get("/Users", "filter", p.scope(), "attributes", "displayName", "count", "20");
                    c.expectStatus(r, 200);
                    c.expect(r.resources().size() == Population.SIZE, Population.SIZE + " resources", r);
                    for (JsonNode u : r.resources()) {
                        c.expect(u.has("id") && u.has("displayName") && !u.has("emails") && !u.has("name"),
                                "each resource with id and displayName only (no emails, no name)", r);
                    }
                }, Capability.FILTER));
        checks.add(check("protocol.projection.sub-attribute", PROJECTION,
                "attributes=name.familyName returns that sub-attribute and not its siblings",
                c -> {
                    String id = c.population().id(3);
                    ScimResponse r = c.scim().get("/Users/" + id, "attributes", "name.familyName");
                    c.expectStatus(r, 200);
                    c.expect(r.json().path("name").has("familyName") && !r.json().path("name").has("givenName"),
                            "name.familyName without name.givenName", r);
                }));
        return checks;
    }

    private interface FilterText {
        String of(Population p);
    }

    private static Check filter(String operator, String proves, FilterText filter, Set<Integer> expected) {
        return check("protocol.filter." + operator, FILTER, proves + " (RFC 7644 §3.4.2.2)",
                c -> expectFound(c, filter.of(c.population()), expected), Capability.FILTER);
    }

    private static Set<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    private static void expectFound(CheckContext c, String filter, Set<Integer> expected) {
        Population p = c.population();
        ScimResponse r = c.scim().get("/Users", "filter", filter, "count", "50");
        c.expectStatus(r, 200);
        expectIds(c, r, p, expected);
    }

    private static void expectIds(CheckContext c, ScimResponse r, Population p, Set<Integer> expected) {
        Set<String> want = expected.stream().map(p::id).collect(Collectors.toSet());
        Set<String> got = r.resources().stream().map(u -> u.path("id").asText()).collect(Collectors.toSet());
        c.expect(got.equals(want) && r.json().path("totalResults").asInt(-1) == want.size(),
                "exactly population users " + expected + " (" + want.size() + " results)", r);
    }

    private static void expectOrder(CheckContext c, String sortBy, String sortOrder, List<Integer> order) {
        Population p = c.population();
        ScimResponse r = sortOrder == null
                ? c.scim().get("/Users", "filter", p.scope(), "sortBy", sortBy, "count", "50")
                : c.scim().get("/Users", "filter", p.scope(), "sortBy", sortBy, "sortOrder", sortOrder, "count", "50");
        c.expectStatus(r, 200);
        List<String> want = order.stream().map(p::id).toList();
        List<String> got = r.resources().stream().map(u -> u.path("id").asText()).toList();
        c.expect(got.equals(want), "population users in the order " + order, r);
    }

    private static void pagesOfFive(CheckContext c) {
        Population p = c.population();
        Set<String> seen = new HashSet<>();
        int[] sizes = {5, 5, 2};
        for (int page = 0; page < 3; page++) {
            int start = page * 5 + 1;
            // sorted when the endpoint sorts: RFC 7644 leaves the order of unsorted pages to the provider
            ScimResponse r = c.capabilities().has(Capability.SORT)
                    ? c.scim().get("/Users", "filter", p.scope(), "startIndex", Integer.toString(start), "count", "5", "sortBy", "userName")
                    : c.scim().get("/Users", "filter", p.scope(), "startIndex", Integer.toString(start), "count", "5");
            c.expectStatus(r, 200);
            JsonNode body = r.json();
            c.expect(body.path("totalResults").asInt(-1) == Population.SIZE, "totalResults " + Population.SIZE + " on every page", r);
            c.expect(body.path("startIndex").asInt(-1) == start, "startIndex " + start + " echoed", r);
            c.expect(r.resources().size() == sizes[page] && body.path("itemsPerPage").asInt(-1) == sizes[page],
                    sizes[page] + " resources and itemsPerPage " + sizes[page], r);
            for (JsonNode u : r.resources()) {
                c.expect(seen.add(u.path("id").asText()), "no user on two pages (" + u.path("id").asText() + " repeated)", r);
            }
        }
        if (!seen.equals(new HashSet<>(p.ids()))) c.fail("the three pages together hold all 12 users", "they hold " + seen.size() + " of them");
    }
}
