package io.tenantsync.emulator.groups;

import com.azure.core.credential.TokenRequestContext;
import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.sdk.SdkClients;
import io.tenantsync.emulator.store.DirectoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official Graph SDK manages groups and their membership in the emulator. */
class GroupsSdkTest {
    static EmulatorFixture f;
    static GraphServiceClient graph;
    static int aliasCounter;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        graph = SdkClients.contoso(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static User user(String name) {
        String alias = name + (++aliasCounter);
        User u = new User();
        u.setAccountEnabled(true);
        u.setDisplayName("User " + alias);
        u.setMailNickname(alias);
        u.setUserPrincipalName(alias + "@contoso.onmicrosoft.com");
        PasswordProfile p = new PasswordProfile();
        p.setPassword("Secret!" + alias);
        u.setPasswordProfile(p);
        return graph.users().post(u);
    }

    static Group securityGroup(GraphServiceClient client, String name) {
        Group g = new Group();
        g.setDisplayName(name);
        g.setMailEnabled(false);
        g.setMailNickname(name.replace(" ", "-").toLowerCase());
        g.setSecurityEnabled(true);
        g.setGroupTypes(new ArrayList<>());
        return client.groups().post(g);
    }

    static void addMember(String groupId, String memberId) {
        ReferenceCreate ref = new ReferenceCreate();
        ref.setOdataId("https://graph.microsoft.com/v1.0/directoryObjects/" + memberId);
        graph.groups().byGroupId(groupId).members().ref().post(ref);
    }

    static List<String> ids(DirectoryObjectCollectionResponse page) {
        return page.getValue().stream().map(DirectoryObject::getId).toList();
    }

    static List<String> memberIds(String groupId) {
        return ids(graph.groups().byGroupId(groupId).members().get());
    }

    @Test
    void createsSecurityAndMicrosoft365GroupsWithDirectoryDerivedProperties() {
        Group s = securityGroup(graph, "Sales Team");
        assertThat(s.getId()).isNotBlank();
        assertThat(s.getGroupTypes()).isEmpty();
        assertThat(s.getSecurityEnabled()).isTrue();
        assertThat(s.getMail()).isNull();
        assertThat(s.getSecurityIdentifier()).startsWith("S-1-12-1-");
        assertThat(s.getCreatedDateTime()).isNotNull();

        Group m = new Group();
        m.setDisplayName("Project X");
        m.setMailEnabled(true);
        m.setMailNickname("projectx");
        m.setSecurityEnabled(false);
        m.setGroupTypes(List.of("Unified"));
        Group created = graph.groups().post(m);
        assertThat(created.getMail()).isEqualTo("projectx@contoso.onmicrosoft.com");
        assertThat(created.getProxyAddresses()).containsExactly("SMTP:projectx@contoso.onmicrosoft.com");
        assertThat(created.getVisibility()).isEqualTo("Public");

        Group read = graph.groups().byGroupId(created.getId()).get(rc -> rc.queryParameters.select = new String[]{"displayName", "groupTypes"});
        assertThat(read.getDisplayName()).isEqualTo("Project X");
        assertThat(read.getGroupTypes()).containsExactly("Unified");
        assertThat(read.getMail()).isNull(); // not selected

        var listed = graph.groups().get(rc -> rc.queryParameters.filter = "groupTypes/any(t:t eq 'Unified') and mailNickname eq 'PROJECTX'");
        assertThat(listed.getValue()).extracting(Group::getId).containsExactly(created.getId());
        Integer count = graph.groups().count().get(rc -> rc.headers.add("ConsistencyLevel", "eventual"));
        assertThat(count).isGreaterThanOrEqualTo(2);
    }

    @Test
    void invalidGroupBodiesAreRefusedAsODataErrorsAndNothingIsStored() {
        Group missingNickname = new Group();
        missingNickname.setDisplayName("No nickname");
        missingNickname.setMailEnabled(false);
        missingNickname.setSecurityEnabled(true);
        assertThatThrownBy(() -> graph.groups().post(missingNickname)).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(400);
            assertThat(e.getError().getCode()).isEqualTo("Request_BadRequest");
        });
        Group mailEnabledSecurity = new Group();
        mailEnabledSecurity.setDisplayName("Mail security");
        mailEnabledSecurity.setMailEnabled(true);
        mailEnabledSecurity.setMailNickname("mailsec");
        mailEnabledSecurity.setSecurityEnabled(true);
        assertThatThrownBy(() -> graph.groups().post(mailEnabledSecurity))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
        var none = graph.groups().get(rc -> rc.queryParameters.filter = "displayName eq 'No nickname' or displayName eq 'Mail security'");
        assertThat(none.getValue()).isEmpty();
    }

    @Test
    void membersAreAddedListedAndRemovedThroughReferences() {
        Group g = securityGroup(graph, "Engineers");
        User a = user("ada");
        User b = user("bob");
        addMember(g.getId(), a.getId());
        addMember(g.getId(), b.getId());

        DirectoryObjectCollectionResponse members = graph.groups().byGroupId(g.getId()).members().get();
        assertThat(members.getValue()).hasSize(2).allSatisfy(o -> assertThat(o).isInstanceOf(User.class));
        assertThat(ids(members)).containsExactlyInAnyOrder(a.getId(), b.getId());
        assertThat(((User) members.getValue().get(0)).getUserPrincipalName()).endsWith("@contoso.onmicrosoft.com");

        Integer count = graph.groups().byGroupId(g.getId()).members().count().get(rc -> rc.headers.add("ConsistencyLevel", "eventual"));
        assertThat(count).isEqualTo(2);

        graph.groups().byGroupId(g.getId()).members().byDirectoryObjectId(a.getId()).ref().delete();
        assertThat(memberIds(g.getId())).containsExactly(b.getId());
        assertThatThrownBy(() -> graph.groups().byGroupId(g.getId()).members().byDirectoryObjectId(a.getId()).ref().delete())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("Request_ResourceNotFound");
                });
    }

    @Test
    void addingAnExistingMemberAgainIsA400AndChangesNothing() {
        Group g = securityGroup(graph, "Duplicates");
        User u = user("dup");
        addMember(g.getId(), u.getId());
        long changesBefore = changeRows(g.getId());
        assertThatThrownBy(() -> addMember(g.getId(), u.getId())).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(400);
            assertThat(e.getError().getCode()).isEqualTo("Request_BadRequest");
            assertThat(e.getError().getMessage())
                    .isEqualTo("One or more added object references already exist for the following modified properties: 'members'.");
        });
        assertThat(changeRows(g.getId())).isEqualTo(changesBefore);
        assertThat(memberIds(g.getId())).containsExactly(u.getId());
    }

    @Test
    void unknownOrMissingMembersAre404() {
        Group g = securityGroup(graph, "Missing members");
        assertThatThrownBy(() -> addMember(g.getId(), "7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a"))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> addMember("7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a", user("nogroup").getId()))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
    }

    @Test
    void createWithMembersBindStartsWithThoseMembers() {
        User a = user("born");
        Group g = new Group();
        g.setDisplayName("Born with members");
        g.setMailEnabled(false);
        g.setMailNickname("bornwithmembers");
        g.setSecurityEnabled(true);
        g.getAdditionalData().put("members@odata.bind", List.of("https://graph.microsoft.com/v1.0/users/" + a.getId()));
        Group created = graph.groups().post(g);
        assertThat(memberIds(created.getId())).containsExactly(a.getId());
        assertThat(changeKinds(created.getId())).containsExactly(DirectoryStore.UPSERT, DirectoryStore.MEMBER_ADDED);
    }

    @Test
    void patchWithMembersBindAddsMembersAndUpdatesProperties() {
        Group g = securityGroup(graph, "Bound");
        User a = user("bind");
        User b = user("bind");
        Group patch = new Group();
        patch.setDescription("now with members");
        patch.getAdditionalData().put("members@odata.bind", List.of(
                "https://graph.microsoft.com/v1.0/directoryObjects/" + a.getId(),
                "https://graph.microsoft.com/v1.0/users/" + b.getId()));
        graph.groups().byGroupId(g.getId()).patch(patch);
        assertThat(memberIds(g.getId())).containsExactlyInAnyOrder(a.getId(), b.getId());
        assertThat(graph.groups().byGroupId(g.getId()).get().getDescription()).isEqualTo("now with members");

        // binding an existing member fails the whole PATCH: the description stays as it was
        Group again = new Group();
        again.setDescription("should not stick");
        again.getAdditionalData().put("members@odata.bind", List.of("https://graph.microsoft.com/v1.0/directoryObjects/" + a.getId()));
        assertThatThrownBy(() -> graph.groups().byGroupId(g.getId()).patch(again))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
        assertThat(graph.groups().byGroupId(g.getId()).get().getDescription()).isEqualTo("now with members");
    }

    @Test
    void transitiveMembersFlattenNestedGroupsAndSurviveCycles() {
        Group outer = securityGroup(graph, "Outer");
        Group inner = securityGroup(graph, "Inner");
        User direct = user("direct");
        User nested = user("nested");
        addMember(outer.getId(), direct.getId());
        addMember(outer.getId(), inner.getId());
        addMember(inner.getId(), nested.getId());
        addMember(inner.getId(), outer.getId()); // a cycle

        var all = graph.groups().byGroupId(outer.getId()).transitiveMembers().get();
        assertThat(ids(all)).containsExactlyInAnyOrder(direct.getId(), inner.getId(), nested.getId());
        assertThat(all.getValue()).filteredOn(o -> o.getId().equals(inner.getId())).singleElement().isInstanceOf(Group.class);

        var users = graph.groups().byGroupId(outer.getId()).transitiveMembers().graphUser().get();
        assertThat(users.getValue()).extracting(User::getId).containsExactlyInAnyOrder(direct.getId(), nested.getId());
        assertThat(graph.groups().byGroupId(outer.getId()).members().graphUser().get().getValue())
                .extracting(User::getId).containsExactly(direct.getId());
        var filtered = graph.groups().byGroupId(outer.getId()).transitiveMembers().graphUser().get(rc -> {
            rc.queryParameters.filter = "userPrincipalName eq '" + nested.getUserPrincipalName() + "'";
            rc.queryParameters.count = true;
            rc.headers.add("ConsistencyLevel", "eventual");
        });
        assertThat(filtered.getValue()).extracting(User::getId).containsExactly(nested.getId());
        assertThat(filtered.getOdataCount()).isEqualTo(1);

        var memberOf = graph.users().byUserId(nested.getId()).memberOf().get();
        assertThat(ids(memberOf)).containsExactly(inner.getId());
        var transitiveMemberOf = graph.users().byUserId(nested.getId()).transitiveMemberOf().get();
        assertThat(ids(transitiveMemberOf)).containsExactlyInAnyOrder(inner.getId(), outer.getId());
        assertThat(transitiveMemberOf.getValue()).allSatisfy(o -> assertThat(o).isInstanceOf(Group.class));
    }

    @Test
    void membersPageWithTopAndNextLink() throws Exception {
        Group g = securityGroup(graph, "Paged");
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = user("page").getId();
            addMember(g.getId(), id);
            added.add(id);
        }
        DirectoryObjectCollectionResponse first = graph.groups().byGroupId(g.getId()).members().get(rc -> rc.queryParameters.top = 2);
        assertThat(first.getValue()).hasSize(2);
        assertThat(first.getOdataNextLink()).contains("$skiptoken=").contains("$top=2");
        List<String> seen = new ArrayList<>();
        new PageIterator.Builder<DirectoryObject, DirectoryObjectCollectionResponse>()
                .client(graph).collectionPage(first)
                .collectionPageFactory(DirectoryObjectCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(o -> seen.add(o.getId()))
                .build().iterate();
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(added);
    }

    @Test
    void aSoftDeletedUserVanishesFromMembersAndTransitiveMembers() {
        Group outer = securityGroup(graph, "Outer soft");
        Group inner = securityGroup(graph, "Inner soft");
        User stays = user("stays");
        User leaves = user("leaves");
        addMember(outer.getId(), inner.getId());
        addMember(inner.getId(), stays.getId());
        addMember(inner.getId(), leaves.getId());

        graph.users().byUserId(leaves.getId()).delete();

        assertThat(memberIds(inner.getId())).containsExactly(stays.getId());
        assertThat(ids(graph.groups().byGroupId(outer.getId()).transitiveMembers().get()))
                .containsExactlyInAnyOrder(inner.getId(), stays.getId());
        assertThat(graph.groups().byGroupId(inner.getId()).members().count().get(rc -> rc.headers.add("ConsistencyLevel", "eventual")))
                .isEqualTo(1);
        // the membership row stays for a restore
        assertThat(membershipRows(inner.getId(), leaves.getId())).isEqualTo(1);
    }

    @Test
    void deletingASecurityGroupPurgesItAndMicrosoft365GroupsAreSoftDeleted() {
        Group parent = securityGroup(graph, "Parent of doomed");
        Group doomed = securityGroup(graph, "Doomed");
        User u = user("doomedmember");
        addMember(doomed.getId(), u.getId());
        addMember(parent.getId(), doomed.getId());

        graph.groups().byGroupId(doomed.getId()).delete();
        assertThatThrownBy(() -> graph.groups().byGroupId(doomed.getId()).get()).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(404);
            assertThat(e.getError().getCode()).isEqualTo("Request_ResourceNotFound");
        });
        assertThat(objectRows(doomed.getId(), null)).isZero();
        assertThat(membershipRows(doomed.getId(), u.getId())).isZero();
        assertThat(memberIds(parent.getId())).isEmpty();
        assertThat(changeKinds(parent.getId())).contains(DirectoryStore.MEMBER_ADDED, DirectoryStore.MEMBER_REMOVED);
        assertThat(ids(graph.users().byUserId(u.getId()).memberOf().get())).isEmpty();

        Group m = new Group();
        m.setDisplayName("Soft M365");
        m.setMailEnabled(true);
        m.setMailNickname("softm365");
        m.setSecurityEnabled(false);
        m.setGroupTypes(List.of("Unified"));
        Group unified = graph.groups().post(m);
        addMember(unified.getId(), u.getId());
        graph.groups().byGroupId(unified.getId()).delete();
        assertThatThrownBy(() -> graph.groups().byGroupId(unified.getId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThat(objectRows(unified.getId(), true)).isEqualTo(1);
        assertThat(membershipRows(unified.getId(), u.getId())).isEqualTo(1);
        assertThat(ids(graph.users().byUserId(u.getId()).memberOf().get())).isEmpty();
    }

    @Test
    void microsoft365GroupsTakeOnlyUsersAsMembers() {
        Group m = new Group();
        m.setDisplayName("Users only");
        m.setMailEnabled(true);
        m.setMailNickname("usersonly");
        m.setSecurityEnabled(false);
        m.setGroupTypes(List.of("Unified"));
        Group unified = graph.groups().post(m);
        Group nestedGroup = securityGroup(graph, "Would nest");
        assertThatThrownBy(() -> addMember(unified.getId(), nestedGroup.getId()))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void anotherTenantsGroupIs404AndItsUsersCannotBeAdded() {
        GraphServiceClient fabrikam = SdkClients.fabrikam(f);
        Group theirs = securityGroup(fabrikam, "Fabrikam only");
        assertThatThrownBy(() -> graph.groups().byGroupId(theirs.getId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> graph.groups().byGroupId(theirs.getId()).members().get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        User mine = user("mine");
        assertThatThrownBy(() -> addMember(theirs.getId(), mine.getId()))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        Group ours = securityGroup(graph, "Contoso only");
        assertThatThrownBy(() -> addMember(ours.getId(), theirs.getId()))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThat(fabrikam.groups().get().getValue()).extracting(Group::getId).containsExactly(theirs.getId());
    }

    @Test
    void membershipChangesAreAuditedAndLoggedForDelta() {
        Group g = securityGroup(graph, "Audited");
        User u = user("audited");
        addMember(g.getId(), u.getId());
        graph.groups().byGroupId(g.getId()).members().byDirectoryObjectId(u.getId()).ref().delete();
        assertThat(changeKinds(g.getId())).containsExactly(DirectoryStore.UPSERT, DirectoryStore.MEMBER_ADDED, DirectoryStore.MEMBER_REMOVED);
        assertThat(changeMembers(g.getId())).containsExactly(u.getId(), u.getId());
        assertThat(audits(u.getId())).contains("Add member to group", "Remove member from group");
        assertThat(audits(g.getId())).contains("Add group");
    }

    @Test
    void referencesListAndRemovalByIdQueryWorkOverRawHttp() {
        Group g = securityGroup(graph, "Raw refs");
        User u = user("raw");
        addMember(g.getId(), u.getId());
        String token = SdkClients.credential(f, EmulatorFixture.CONTOSO.toString(), "contoso-admin", "contoso-secret-value-0001")
                .getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default")).getToken();
        Response refs = RestAssured.given().relaxedHTTPSValidation().auth().oauth2(token)
                .get(f.graphRoot() + "/groups/" + g.getId() + "/members/$ref");
        assertThat(refs.statusCode()).isEqualTo(200);
        assertThat(refs.jsonPath().getList("value.'@odata.id'", String.class))
                .containsExactly(f.graphRoot() + "/directoryObjects/" + u.getId() + "/Microsoft.DirectoryServices.User");

        Response wrongCast = RestAssured.given().relaxedHTTPSValidation().auth().oauth2(token)
                .get(f.graphRoot() + "/groups/" + g.getId() + "/transitiveMembers/microsoft.graph.device");
        assertThat(wrongCast.statusCode()).isEqualTo(400);
        assertThat(wrongCast.jsonPath().getString("error.code")).isEqualTo("Request_UnsupportedQuery");

        Response removed = RestAssured.given().relaxedHTTPSValidation().auth().oauth2(token)
                .queryParam("@id", "https://graph.microsoft.com/v1.0/directoryObjects/" + u.getId())
                .delete(f.graphRoot() + "/groups/" + g.getId() + "/members/$ref");
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(memberIds(g.getId())).isEmpty();
    }

    @Test
    void readingGroupsNeedsAGroupRole() {
        GraphServiceClient reader = SdkClients.graph(f, EmulatorFixture.CONTOSO.toString(), "contoso-reader", "contoso-secret-value-0002",
                "https://graph.microsoft.com/.default");
        assertThatThrownBy(() -> reader.groups().get()).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(403);
            assertThat(e.getError().getCode()).isEqualTo("Authorization_RequestDenied");
        });
    }

    // ---- direct looks at the store ------------------------------------------------------------------------------

    private static <T> List<T> column(String sql, Class<T> type, Object... params) {
        return f.server.components().db().transaction(c -> {
            try (var ps = c.prepareStatement(sql)) {
                DirectoryStore.bind(ps, List.of(params));
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getObject(1, type));
                }
                return out;
            }
        });
    }

    private static long changeRows(String groupId) {
        return column("SELECT COUNT(*) FROM CHANGE_LOG WHERE OBJECT_ID = ?", Long.class, groupId).get(0);
    }

    private static List<String> changeKinds(String groupId) {
        return column("SELECT KIND FROM CHANGE_LOG WHERE OBJECT_TYPE = 'group' AND OBJECT_ID = ? ORDER BY SEQ", String.class, groupId);
    }

    private static List<String> changeMembers(String groupId) {
        return column("SELECT MEMBER_ID FROM CHANGE_LOG WHERE OBJECT_ID = ? AND MEMBER_ID IS NOT NULL ORDER BY SEQ", String.class, groupId);
    }

    private static long membershipRows(String groupId, String memberId) {
        return column("SELECT COUNT(*) FROM MEMBERSHIP WHERE GROUP_ID = ? AND MEMBER_ID = ?", Long.class, groupId, memberId).get(0);
    }

    private static long objectRows(String id, Boolean deleted) {
        return deleted == null
                ? column("SELECT COUNT(*) FROM DIRECTORY_OBJECT WHERE ID = ?", Long.class, id).get(0)
                : column("SELECT COUNT(*) FROM DIRECTORY_OBJECT WHERE ID = ? AND DELETED = ?", Long.class, id, deleted).get(0);
    }

    private static List<String> audits(String targetId) {
        return column("SELECT BODY FROM DIRECTORY_AUDIT ORDER BY SEQ", String.class).stream()
                .filter(b -> b.contains("\"id\":\"" + targetId + "\""))
                .map(b -> b.replaceAll(".*\"activityDisplayName\":\"([^\"]+)\".*", "$1"))
                .toList();
    }
}
