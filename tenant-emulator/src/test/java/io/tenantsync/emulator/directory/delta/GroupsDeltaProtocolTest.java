package io.tenantsync.emulator.directory.delta;

import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.sdk.SdkClients;
import io.tenantsync.emulator.server.EmulatorServer;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw-protocol checks of {@code groups/delta} ({@code members@delta}) and of delta and deletedItems edge cases.
 * Groups and memberships are written through the store as the groups API does (MEMBERSHIP row + change-log row).
 */
class GroupsDeltaProtocolTest {
    static EmulatorFixture f;
    static String token;
    static final String TENANT = EmulatorFixture.CONTOSO.toString();

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        token = SdkClients.credential(f, TENANT, "contoso-admin", "contoso-secret-value-0001")
                .getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default")).getToken();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static RequestSpecification graph() {
        return RestAssured.given().relaxedHTTPSValidation().urlEncodingEnabled(false).header("Authorization", "Bearer " + token);
    }

    static JsonPath get(String pathOrUrl, int status) {
        String url = pathOrUrl.startsWith("https://") ? pathOrUrl : f.graphRoot() + pathOrUrl;
        return graph().get(url).then().statusCode(status).extract().jsonPath();
    }

    static EmulatorServer.Components c() { return f.server.components(); }

    static String group(String name) {
        String id = UUID.randomUUID().toString();
        ObjectNode body = c().json().createObjectNode();
        body.put("id", id);
        body.put("displayName", name);
        body.put("mailNickname", name);
        body.put("mailEnabled", false);
        body.put("securityEnabled", true);
        body.putArray("groupTypes");
        c().db().transaction(x -> c().store().insert(x, new DirectoryObject(TENANT, id, "group", body, Instant.now(), null, null, 0)));
        return id;
    }

    static void member(String groupId, String memberId, boolean add) {
        c().db().transaction(x -> {
            if (add) DirectoryStore.exec(x, "INSERT INTO MEMBERSHIP (TENANT_ID, GROUP_ID, MEMBER_ID) VALUES (?, ?, ?)", TENANT, groupId, memberId);
            else DirectoryStore.exec(x, "DELETE FROM MEMBERSHIP WHERE TENANT_ID = ? AND GROUP_ID = ? AND MEMBER_ID = ?", TENANT, groupId, memberId);
            c().store().appendChange(x, TENANT, "group", groupId, add ? DirectoryStore.MEMBER_ADDED : DirectoryStore.MEMBER_REMOVED, memberId);
            return null;
        });
    }

    static List<String> users(String prefix, int n) {
        return c().seeder().seedUsers(f.config.tenant("contoso").orElseThrow(), prefix, 0, n);
    }

    /** All items of a round from its first page, and the round's deltaLink. */
    record Round(List<Map<String, Object>> items, String deltaLink) {
        Map<String, Object> item(String id) {
            return items.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow(() -> new AssertionError("no item " + id));
        }
    }

    static Round round(String first) {
        List<Map<String, Object>> items = new ArrayList<>();
        JsonPath page = get(first, 200);
        while (true) {
            assertThat(page.getString("'@odata.context'")).contains("/$metadata#");
            items.addAll(page.getList("value"));
            String next = page.getString("'@odata.nextLink'");
            if (next == null) break;
            page = get(next, 200);
        }
        String delta = page.getString("'@odata.deltaLink'");
        assertThat(delta).contains("$deltatoken=");
        return new Round(items, delta);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> membersDelta(Map<String, Object> item) {
        return (List<Map<String, Object>>) item.get("members@delta");
    }

    @Test
    void initialGroupRoundListsLiveMembersAndNextRoundHasAddedAndRemovedMembers() {
        List<String> u = users("gd", 3);
        String g = group("delta-group");
        member(g, u.get(0), true);
        member(g, u.get(1), true);

        Round initial = round("/groups/delta");
        assertThat(membersDelta(initial.item(g))).extracting(m -> m.get("id")).containsExactlyInAnyOrder(u.get(0), u.get(1));
        assertThat(membersDelta(initial.item(g))).allSatisfy(m -> {
            assertThat(m.get("@odata.type")).isEqualTo("#microsoft.graph.user");
            assertThat(m).doesNotContainKey("@removed");
        });

        member(g, u.get(2), true);
        member(g, u.get(0), false);
        Round next = round(initial.deltaLink());
        assertThat(next.items()).extracting(i -> i.get("id")).containsExactly(g);
        List<Map<String, Object>> changes = membersDelta(next.item(g));
        assertThat(changes).hasSize(2);
        Map<String, Object> added = changes.stream().filter(m -> u.get(2).equals(m.get("id"))).findFirst().orElseThrow();
        Map<String, Object> removed = changes.stream().filter(m -> u.get(0).equals(m.get("id"))).findFirst().orElseThrow();
        assertThat(added).doesNotContainKey("@removed").containsEntry("@odata.type", "#microsoft.graph.user");
        assertThat(removed).containsEntry("@removed", Map.of("reason", "deleted"));
    }

    @Test
    void softDeletedMemberDisappearsFromGroupMembersAndReturnsWhenRestored() {
        List<String> u = users("gr", 1);
        String g = group("restore-group");
        member(g, u.get(0), true);
        graph().delete(f.graphRoot() + "/users/" + u.get(0)).then().statusCode(204);
        assertThat(membersDelta(round("/groups/delta?$filter=id%20eq%20'" + g + "'").item(g))).isEmpty();

        graph().post(f.graphRoot() + "/directory/deletedItems/" + u.get(0) + "/microsoft.graph.restore").then().statusCode(200);
        assertThat(membersDelta(round("/groups/delta?$filter=id%20eq%20'" + g + "'").item(g)))
                .extracting(m -> m.get("id")).containsExactly(u.get(0));
    }

    @Test
    void deltaFilterOnIdsRestrictsBothRounds() {
        List<String> u = users("flt", 3);
        String filter = "$filter=id%20eq%20'" + u.get(0) + "'%20or%20id%20eq%20'" + u.get(1) + "'";
        Round initial = round("/users/delta?" + filter + "&$select=displayName");
        assertThat(initial.items()).extracting(i -> i.get("id")).containsExactlyInAnyOrder(u.get(0), u.get(1));
        assertThat(initial.item(u.get(0))).containsOnlyKeys("id", "displayName");

        for (String id : u) {
            graph().contentType("application/json").body("{\"jobTitle\":\"Changed\"}").patch(f.graphRoot() + "/users/" + id)
                    .then().statusCode(204);
        }
        Round next = round(initial.deltaLink());
        assertThat(next.items()).extracting(i -> i.get("id")).containsExactlyInAnyOrder(u.get(0), u.get(1));
    }

    @Test
    void preferMaxPageSizeAndTopBoundPagesAndTheSizeIsKeptInTheLinks() {
        users("pg", 12);
        JsonPath first = graph().header("Prefer", "odata.maxpagesize=5").get(f.graphRoot() + "/users/delta")
                .then().statusCode(200).header("Preference-Applied", "odata.maxpagesize=5").extract().jsonPath();
        assertThat(first.getList("value")).hasSize(5);
        JsonPath second = get(first.getString("'@odata.nextLink'"), 200);
        assertThat(second.getList("value")).hasSize(5);

        assertThat(get("/users/delta?$top=7", 200).getList("value")).hasSize(7);
        assertThat(get("/users/delta?$top=0", 400).getString("error.code")).isEqualTo("Request_BadRequest");
    }

    @Test
    void badTokensAndUnsupportedOptionsAre400sNever5xx() {
        String link = round("/users/delta?$deltatoken=latest").deltaLink();
        String token = link.substring(link.indexOf("$deltatoken=") + "$deltatoken=".length());
        // a users token is not a groups token, and a deltatoken is not a skiptoken
        assertThat(get("/groups/delta?$deltatoken=" + token, 400).getString("error.code")).isEqualTo("Directory_ExpiredPageToken");
        assertThat(get("/users/delta?$skiptoken=" + token, 400).getString("error.code")).isEqualTo("Directory_ExpiredPageToken");
        // one character edited
        String edited = (token.charAt(3) == 'A' ? "B" : "A");
        edited = token.substring(0, 3) + edited + token.substring(4);
        assertThat(get("/users/delta?$deltatoken=" + edited, 400).getString("error.code")).isEqualTo("Directory_ExpiredPageToken");
        assertThat(get("/users/delta?$deltatoken=%25%25%25", 400).getString("error.code")).isEqualTo("Directory_ExpiredPageToken");

        assertThat(get("/users/delta?$filter=displayName%20eq%20'x'", 400).getString("error.code")).isEqualTo("Request_UnsupportedQuery");
        assertThat(get("/users/delta?$orderby=displayName", 400).getString("error.code")).isEqualTo("Request_UnsupportedQuery");
    }

    @Test
    void bareDeletedItemsNeedsACastAndGroupsAreListedUnderTheirCast() {
        assertThat(get("/directory/deletedItems", 400).getString("error.code")).isEqualTo("Request_BadRequest");

        String g = group("deleted-group");
        c().db().transaction(x -> c().lifecycle().softDelete(x, c().store().find(x, TENANT, g).orElseThrow()));
        JsonPath groups = get("/directory/deletedItems/microsoft.graph.group", 200);
        assertThat(groups.getList("value.id")).contains(g);
        assertThat(groups.getList("value.'@odata.type'")).containsOnly("#microsoft.graph.group");
        assertThat(get("/directory/deletedItems/microsoft.graph.user", 200).getList("value.id")).doesNotContain(g);
        get("/directory/deletedItems/" + g + "/microsoft.graph.user", 404);
        assertThat(get("/directory/deletedItems/" + g + "/microsoft.graph.group", 200).getString("'@odata.type'"))
                .isEqualTo("#microsoft.graph.group");

        Round groupsRound = round("/groups/delta?$filter=id%20eq%20'" + g + "'");
        assertThat(groupsRound.items()).isEmpty();
    }

    @Test
    void restoreAndHardDeleteAreAudited() {
        List<String> u = users("aud", 2);
        for (String id : u) graph().delete(f.graphRoot() + "/users/" + id).then().statusCode(204);
        graph().post(f.graphRoot() + "/directory/deletedItems/" + u.get(0) + "/restore").then().statusCode(200);
        graph().delete(f.graphRoot() + "/directory/deletedItems/" + u.get(1)).then().statusCode(204);
        List<String> activities = c().db().transaction(x -> {
            List<String> out = new ArrayList<>();
            try (var ps = x.prepareStatement("SELECT BODY FROM DIRECTORY_AUDIT WHERE TENANT_ID = ? ORDER BY SEQ")) {
                ps.setString(1, TENANT);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var n = c().json().readTree(rs.getString(1));
                        if (u.contains(n.at("/targetResources/0/id").asText())) {
                            out.add(n.get("category").asText() + "/" + n.get("activityDisplayName").asText());
                        }
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
        assertThat(activities).contains("UserManagement/Restore user", "UserManagement/Hard delete user");
    }
}
