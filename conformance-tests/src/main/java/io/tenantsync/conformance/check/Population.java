package io.tenantsync.conformance.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.http.ScimResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Twelve users created once per run for the filter, sort and paging checks (RFC 7644 §3.4.2), with values chosen so
 * every operator has a known answer. User {@code i} (1–12) has userName {@code ct-RUN-pop-II@domain}, externalId
 * {@code ext-RUN-II}, family name {@code Fam} + the letter {@code 'Z' - i} (so family names sort opposite to the
 * index), title Engineer (odd) or Manager (even), a nickName only when {@code i} is a multiple of 3, and
 * {@code active} false only for user 12.
 */
public record Population(String prefix, String externalPrefix, List<String> ids, List<String> userNames) {
    public static final int SIZE = 12;

    public Population {
        ids = List.copyOf(ids);
        userNames = List.copyOf(userNames);
    }

    /** The filter that selects exactly this population: {@code userName sw "ct-RUN-pop-"}. */
    public String scope() {
        return "userName sw \"" + prefix + "\"";
    }

    public String userName(int i) {
        return userNames.get(i - 1);
    }

    public String id(int i) {
        return ids.get(i - 1);
    }

    public static String two(int i) {
        return String.format("%02d", i);
    }

    public static String familyName(int i) {
        return "Fam" + (char) ('Z' - i);
    }

    /** Creates the users through {@code context}; they are removed when the run ends, not after the check. */
    public static Population create(CheckContext context) {
        String prefix = "ct-" + context.runId() + "-pop-";
        String externalPrefix = "ext-" + context.runId() + "-";
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 1; i <= SIZE; i++) {
                create(context, i, prefix, externalPrefix, ids, names);
            }
        } catch (RuntimeException e) {
            ids.forEach(id -> context.scim().delete("/Users/" + id));
            throw e;
        }
        return new Population(prefix, externalPrefix, ids, names);
    }

    private static void create(CheckContext context, int i, String prefix, String externalPrefix, List<String> ids, List<String> names) {
        String userName = prefix + two(i) + "@" + context.userDomain();
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s","externalId":"%s%s","displayName":"Population %s","title":"%s",%s
                 "active":%s,"name":{"givenName":"Pop","familyName":"%s"},
                 "emails":[{"type":"work","value":"%s","primary":true}]}
                """.formatted(userName, externalPrefix, two(i), two(i), i % 2 == 1 ? "Engineer" : "Manager",
                i % 3 == 0 ? "\"nickName\":\"nick" + two(i) + "\"," : "", i != SIZE, familyName(i), userName);
        ScimResponse r = context.scim().post("/Users", body);
        context.expectStatus(r, 201);
        JsonNode id = r.json().path("id");
        context.expect(id.isTextual(), "a created user carries an id", r);
        ids.add(id.asText());
        names.add(userName);
    }
}
