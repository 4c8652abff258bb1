package io.tenantsync.gateway.scim;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** Groups and their membership, including the forms Entra and Okta send. */
class GroupsTest {
    static GatewayFixture gw;

    @BeforeAll
    static void start() { gw = GatewayFixture.start(); }

    @AfterAll
    static void stop() { gw.close(); }

    private static String createGroup(String displayName) {
        return gw.alpha().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1a0c0-%s","displayName":"%s","meta":{"resourceType":"Group"}}""".formatted(displayName.hashCode(), displayName))
                .post("/Groups").then().statusCode(201).body("members", equalTo(List.of())).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse patch(String id, String operations) {
        return gw.alpha().body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}")
                .patch("/Groups/" + id).then();
    }

    @Test
    void entraGroupCreateKeepsItsExtraSchemaAndStartsWithNoMembers() {
        String id = createGroup("Create Group");
        gw.alpha().get("/Groups/" + id).then().statusCode(200).body("displayName", equalTo("Create Group"))
                .body("schemas", org.hamcrest.Matchers.hasItem("http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"))
                .body("meta.location", equalTo(gw.baseUrl() + "/Groups/" + id));
    }

    @Test
    void duplicateDisplayNameIs409UniquenessIgnoringCase() {
        createGroup("Dup Group");
        gw.alpha().body("{\"displayName\":\"DUP GROUP\"}").post("/Groups").then().statusCode(409).body("scimType", equalTo("uniqueness"));
    }

    @Test
    void displayNameFilterIgnoresCaseAndExcludedMembersAreLeftOut() {
        String id = createGroup("Filter Group");
        String user = gw.createUser("fg-member@contoso.com");
        patch(id, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + user + "\"}]}]").statusCode(200);
        gw.alpha().queryParam("filter", "displayName eq \"FILTER GROUP\"").queryParam("excludedAttributes", "members").get("/Groups")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0]", not(hasKey("members")));
        gw.alpha().queryParam("excludedAttributes", "members").get("/Groups/" + id).then().statusCode(200).body("$", not(hasKey("members")));
        gw.alpha().queryParam("filter", "displayName eq \"no such group\"").get("/Groups").then().body("totalResults", equalTo(0));
    }

    @Test
    void membersAreAddedAndRemovedByPatchInEntrasAndRfcForms() {
        String id = createGroup("Members Group");
        String u1 = gw.createUser("m1@contoso.com");
        String u2 = gw.createUser("m2@contoso.com");
        String u3 = gw.createUser("m3@contoso.com");
        patch(id, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + u1 + "\"},{\"value\":\"" + u2 + "\"},{\"value\":\"" + u3 + "\"}]}]")
                .statusCode(200).body("members.value", containsInAnyOrder(u1, u2, u3))
                .body("members[0].$ref", org.hamcrest.Matchers.startsWith(gw.baseUrl() + "/Users/"))
                .body("members[0].type", equalTo("User"));
        patch(id, "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"}]}]").statusCode(200)
                .body("members.value", containsInAnyOrder(u2, u3));
        patch(id, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u2 + "\\\"]\"}]").statusCode(200)
                .body("members.value", containsInAnyOrder(u3));
        gw.alpha().queryParam("filter", "members.value eq \"" + u3 + "\"").get("/Groups").then().body("totalResults", equalTo(1));
        patch(id, "[{\"op\":\"remove\",\"path\":\"members\"}]").statusCode(200).body("members", equalTo(List.of()));
    }

    @Test
    void renameByPatchReplace() {
        String id = createGroup("Old Name");
        patch(id, "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"New Name\"}]").statusCode(200).body("displayName", equalTo("New Name"));
    }

    @Test
    void putOfTheMemberListReplacesIt() {
        String id = createGroup("Put Group");
        String u1 = gw.createUser("p1@contoso.com");
        String u2 = gw.createUser("p2@contoso.com");
        gw.alpha().body("{\"displayName\":\"Put Group\",\"members\":[{\"value\":\"" + u1 + "\"}]}").put("/Groups/" + id).then().statusCode(200)
                .body("members.value", equalTo(List.of(u1)));
        gw.alpha().body("{\"displayName\":\"Put Group\",\"members\":[{\"value\":\"" + u2 + "\",\"display\":\"P Two\"}]}").put("/Groups/" + id).then().statusCode(200)
                .body("members.value", equalTo(List.of(u2))).body("members[0].display", equalTo("P Two"));
        gw.alpha().body("{\"displayName\":\"Put Group Renamed\"}").put("/Groups/" + id).then().statusCode(200)
                .body("members.value", equalTo(List.of(u2)));
    }

    @Test
    void unknownMembersAreRefusedAndNothingChanges() {
        String id = createGroup("Strict Group");
        patch(id, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"no-such-id\"}]},{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Changed\"}]")
                .statusCode(400).body("scimType", equalTo("invalidValue"));
        gw.alpha().get("/Groups/" + id).then().body("displayName", equalTo("Strict Group")).body("members", hasSize(0));
    }

    @Test
    void deletingAUserRemovesItsMemberships() {
        String id = createGroup("Cascade Group");
        String u = gw.createUser("gone@contoso.com");
        patch(id, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u + "\"}]}]").statusCode(200);
        gw.alpha().delete("/Users/" + u).then().statusCode(204);
        gw.alpha().get("/Groups/" + id).then().body("members", hasSize(0));
    }

    @Test
    void groupsCanContainGroupsButNotThemselves() {
        String outer = createGroup("Outer");
        String inner = createGroup("Inner");
        patch(outer, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + inner + "\"}]}]").statusCode(200)
                .body("members[0].type", equalTo("Group"));
        patch(outer, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + outer + "\"}]}]").statusCode(400);
    }

    @Test
    void deleteGroupIs204Then404() {
        String id = createGroup("Delete Group");
        gw.alpha().delete("/Groups/" + id).then().statusCode(204);
        gw.alpha().get("/Groups/" + id).then().statusCode(404);
    }

    @Test
    void aUserIdIsNotAGroup() {
        String u = gw.createUser("notagroup@contoso.com");
        gw.alpha().get("/Groups/" + u).then().statusCode(404);
    }
}
