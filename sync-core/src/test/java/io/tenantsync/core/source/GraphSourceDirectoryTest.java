package io.tenantsync.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.OnPremisesExtensionAttributes;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.source.SourceUserRecord.Removal;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.TenantGraphClientFactory;
import io.tenantsync.emulator.graph.RequestJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GraphSourceDirectory against the emulated contoso tenant. Tests run one after another on one tenant; every test
 * starts its own rounds, so a round sees only the changes the test made after it.
 */
class GraphSourceDirectoryTest {

    static final int SEEDED = 260;

    static EmulatedTenants tenants;
    static GraphSourceDirectory contoso;
    static GraphServiceClient graph;

    @BeforeAll
    static void start() {
        tenants = new EmulatedTenants();
        tenants.seedUsers("contoso", SEEDED, "seeded");
        graph = TenantGraphClientFactory.create(tenants.contoso(), GraphClientOptions.DEFAULTS);
        contoso = new GraphSourceDirectory(graph, tenants.contoso());
    }

    @AfterAll
    static void stop() {
        tenants.close();
    }

    // ---------------------------------------------------------------- initial round

    @Test
    void initialRoundReadsEveryUserAcrossPagesOnceAndEndsWithADeltaLink() {
        GraphSourceDirectory smallPages = new GraphSourceDirectory(graph, tenants.contoso(), 100);
        long mark = tenants.journalMark();

        SourceRound round = smallPages.initialRound(AssignmentScope.allUsers());

        List<String> ids = round.users().stream().map(SourceUserRecord::id).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(SEEDED).doesNotHaveDuplicates();
        assertThat(round.users()).filteredOn(u -> upn(u).startsWith("seeded")).hasSize(SEEDED);
        assertThat(deltaRequests(mark, "users")).hasSize((ids.size() + 99) / 100 + (ids.size() % 100 == 0 ? 1 : 0));
        assertThat(round.next().usersDeltaLink()).contains("/users/delta").contains("deltatoken");
        assertThat(round.next().groupsDeltaLinks()).isEmpty();
        assertThat(deltaRequests(mark, "groups")).isEmpty();
    }

    @Test
    void initialRoundWithBigPagesReadsTheSeededTenantInOneRequest() {
        long mark = tenants.journalMark();
        SourceRound round = contoso.initialRound(AssignmentScope.allUsers());
        assertThat(round.users()).hasSizeGreaterThanOrEqualTo(SEEDED);
        assertThat(deltaRequests(mark, "users")).hasSize(1);
    }

    @Test
    void usersCarryEntraSourceAttributeNames() {
        User created = createUser("ada", u -> {
            u.setDepartment("Research");
            u.setBusinessPhones(List.of("+1 555 0100", "+1 555 0101"));
            u.setMobilePhone("+1 555 0199");
            u.setOfficeLocation("Building 4");
            var extensions = new OnPremisesExtensionAttributes();
            extensions.setExtensionAttribute7("cost-centre-42");
            u.setOnPremisesExtensionAttributes(extensions);
            return u;
        });

        SourceUserRecord ada = byId(contoso.initialRound(AssignmentScope.allUsers()), created.getId());

        Attributes a = ada.attributes();
        assertThat(ada.removal()).isEqualTo(Removal.NONE);
        assertThat(ada.accountEnabled()).isTrue();
        assertThat(a.get("objectId")).isEqualTo(created.getId());
        assertThat(a.get("netId")).isEqualTo(created.getId());
        assertThat(a.get("userPrincipalName")).isEqualTo(created.getUserPrincipalName());
        assertThat(a.get("displayName")).isEqualTo("User ada");
        assertThat(a.get("mailNickname")).isEqualTo("ada");
        assertThat(a.get("department")).isEqualTo("Research");
        assertThat(a.get("telephoneNumber")).isEqualTo("+1 555 0100");
        assertThat(a.getAll("businessPhones")).containsExactly("+1 555 0100", "+1 555 0101");
        assertThat(a.get("mobile")).isEqualTo("+1 555 0199");
        assertThat(a.get("physicalDeliveryOfficeName")).isEqualTo("Building 4");
        assertThat(a.get("extensionAttribute7")).isEqualTo("cost-centre-42");
        assertThat(a.get("accountEnabled")).isEqualTo(true);
        assertThat(a.get("IsSoftDeleted")).isEqualTo(false);
        assertThat(a.has("manager")).isFalse();
        assertThat(a.has("extensionAttribute1")).isFalse(); // never set: absent, not an empty value
    }

    @Test
    void assignedScopeReadsAssignedUsersAndDirectMembersOfAssignedGroupsOnly() {
        String assignedGroup = createGroup("Assigned");
        String nestedGroup = createGroup("Nested");
        String member = createUser("member", u -> u).getId();
        String nestedMember = createUser("nestedmember", u -> u).getId();
        String assignedUser = createUser("assigned", u -> u).getId();
        createUser("unassigned", u -> u);
        addMember(assignedGroup, member);
        addMember(assignedGroup, nestedGroup);
        addMember(nestedGroup, nestedMember);
        long mark = tenants.journalMark();

        SourceRound round = contoso.initialRound(AssignmentScope.assigned(Set.of(assignedUser), Set.of(assignedGroup)));

        assertThat(round.users()).extracting(SourceUserRecord::id).containsExactlyInAnyOrder(member, assignedUser);
        assertThat(round.groupMembers()).isEqualTo(Map.of(assignedGroup, Set.of(member)));
        assertThat(round.next().groupsDeltaLinks()).hasSize(1);
        assertThat(deltaRequests(mark, "groups")).hasSize(1);
        assertThat(round.membershipChanges()).isEmpty();
    }

    @Test
    void moreThanFiftyAssignedGroupsAreReadInBatchesOfFifty() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            groups.add(createGroup("Batch " + i));
        }
        String member = createUser("batchmember", u -> u).getId();
        addMember(groups.get(50), member);

        SourceRound round = contoso.initialRound(AssignmentScope.assigned(Set.of(), Set.copyOf(groups)));

        assertThat(round.next().groupsDeltaLinks()).hasSize(2);
        assertThat(round.groupMembers()).hasSize(51).containsEntry(groups.get(50), Set.of(member));
        assertThat(round.users()).extracting(SourceUserRecord::id).containsExactly(member);
        assertThat(contoso.nextRound(round.next()).isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- next rounds

    @Test
    void nextRoundWithoutChangesIsEmptyAndCostsOneRequestPerCollection() {
        String group = createGroup("Quiet");
        addMember(group, createUser("quiet", u -> u).getId());
        SourceRound initial = contoso.initialRound(AssignmentScope.assigned(Set.of(), Set.of(group)));
        long mark = tenants.journalMark();

        SourceRound next = contoso.nextRound(initial.next());

        assertThat(next.isEmpty()).isTrue();
        assertThat(deltaRequests(mark, "users")).hasSize(1);
        assertThat(deltaRequests(mark, "groups")).hasSize(1);
        assertThat(next.next().groupsDeltaLinks()).hasSize(1);
        assertThat(contoso.nextRound(next.next()).isEmpty()).isTrue();
    }

    @Test
    void nextRoundReportsACreatedUserAndAPatchedUserWithTheirAttributes() {
        String patched = createUser("patched", u -> u).getId();
        SourceRound initial = contoso.initialRound(AssignmentScope.allUsers());
        User change = new User();
        change.setDepartment("Finance");
        graph.users().byUserId(patched).patch(change);
        String created = createUser("newcomer", u -> u).getId();

        SourceRound next = contoso.nextRound(initial.next());

        assertThat(next.users()).extracting(SourceUserRecord::id).containsExactlyInAnyOrder(patched, created);
        assertThat(byId(next, patched).attributes().get("department")).isEqualTo("Finance");
        assertThat(byId(next, patched).attributes().get("displayName")).isEqualTo("User patched");
        assertThat(byId(next, created).removal()).isEqualTo(Removal.NONE);
    }

    @Test
    void disabledUserComesWithAccountEnabledFalse() {
        String id = createUser("disabled", u -> u).getId();
        SourceRound initial = contoso.initialRound(AssignmentScope.allUsers());
        User change = new User();
        change.setAccountEnabled(false);
        graph.users().byUserId(id).patch(change);

        SourceUserRecord user = byId(contoso.nextRound(initial.next()), id);

        assertThat(user.accountEnabled()).isFalse();
        assertThat(user.attributes().get("accountEnabled")).isEqualTo(false);
        assertThat(user.removal()).isEqualTo(Removal.NONE);
    }

    @Test
    void softDeletedThenPermanentlyDeletedUserIsReportedSoEachTime() {
        String id = createUser("leaver", u -> u).getId();
        SourceRound initial = contoso.initialRound(AssignmentScope.allUsers());

        graph.users().byUserId(id).delete();
        SourceRound afterSoftDelete = contoso.nextRound(initial.next());
        assertThat(afterSoftDelete.users()).containsExactly(SourceUserRecord.removed(id, Removal.SOFT_DELETED));

        graph.directory().deletedItems().byDirectoryObjectId(id).delete();
        SourceRound afterPurge = contoso.nextRound(afterSoftDelete.next());
        assertThat(afterPurge.users()).containsExactly(SourceUserRecord.removed(id, Removal.HARD_DELETED));
    }

    @Test
    void membersAddedToAndRemovedFromAnAssignedGroupAreMembershipChanges() {
        String group = createGroup("Engineering");
        String other = createGroup("Unassigned");
        String staying = createUser("staying", u -> u).getId();
        String leaving = createUser("leaving", u -> u).getId();
        String joining = createUser("joining", u -> u).getId();
        addMember(group, staying);
        addMember(group, leaving);
        SourceRound initial = contoso.initialRound(AssignmentScope.assigned(Set.of(), Set.of(group)));
        assertThat(initial.groupMembers()).isEqualTo(Map.of(group, Set.of(staying, leaving)));

        addMember(group, joining);
        graph.groups().byGroupId(group).members().byDirectoryObjectId(leaving).ref().delete();
        addMember(group, createGroup("Nested later")); // a nested group is no user member
        addMember(other, staying); // not an assigned group

        SourceRound next = contoso.nextRound(initial.next());

        assertThat(next.membershipChanges()).containsExactlyInAnyOrder(
                new MembershipChange(group, joining, true), new MembershipChange(group, leaving, false));
        assertThat(next.users()).isEmpty(); // the users themselves did not change: read them with user(id)
        assertThat(next.groupMembers()).isEmpty();
    }

    @Test
    void memberAddedAndRemovedWithinOneRoundEndsAsRemoved() {
        String group = createGroup("Flicker");
        String user = createUser("flicker", u -> u).getId();
        SourceRound initial = contoso.initialRound(AssignmentScope.assigned(Set.of(), Set.of(group)));
        addMember(group, user);
        graph.groups().byGroupId(group).members().byDirectoryObjectId(user).ref().delete();

        SourceRound next = contoso.nextRound(initial.next());

        assertThat(next.membershipChanges()).containsExactly(new MembershipChange(group, user, false));
    }

    @Test
    void deletedAssignedGroupIsReported() {
        String group = createGroup("Doomed");
        addMember(group, createUser("doomedmember", u -> u).getId());
        SourceRound initial = contoso.initialRound(AssignmentScope.assigned(Set.of(), Set.of(group)));

        graph.groups().byGroupId(group).delete();
        SourceRound next = contoso.nextRound(initial.next());

        assertThat(next.deletedGroupIds()).containsExactly(group);
    }

    @Test
    void invalidDeltaLinkMeansAResyncIsNeeded() {
        SourceRound initial = contoso.initialRound(AssignmentScope.allUsers());
        String link = initial.next().usersDeltaLink();
        String corrupted = link.substring(0, link.length() - 3) + (link.endsWith("aaa") ? "bbb" : "aaa");

        assertThatThrownBy(() -> contoso.nextRound(new Watermarks(corrupted, List.of())))
                .isInstanceOfSatisfying(ResyncRequiredException.class, e -> {
                    assertThat(e.refusal().errorCode()).isEqualTo("Directory_ExpiredPageToken");
                    assertThat(e.refusal().httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void groupsDeltaLinkPassedAsUsersDeltaLinkIsRefusedAsNeedingAResync() {
        String group = createGroup("Mixed up");
        SourceRound initial = contoso.initialRound(AssignmentScope.assigned(Set.of(), Set.of(group)));
        String groupsLink = initial.next().groupsDeltaLinks().get(0);
        String usersTokenOnGroups = groupsLink.substring(0, groupsLink.indexOf("/groups/delta")) + "/users/delta"
                + groupsLink.substring(groupsLink.indexOf("?"));

        assertThatThrownBy(() -> contoso.nextRound(new Watermarks(usersTokenOnGroups, List.of())))
                .isInstanceOf(ResyncRequiredException.class);
    }

    // ---------------------------------------------------------------- one user

    @Test
    void oneUserIsReadLiveSoftDeletedOrNotAtAll() {
        User created = createUser("single", u -> {
            u.setJobTitle("Engineer");
            return u;
        });
        String id = created.getId();

        SourceUserRecord live = contoso.user(id).orElseThrow();
        assertThat(live.removal()).isEqualTo(Removal.NONE);
        assertThat(live.attributes().get("jobTitle")).isEqualTo("Engineer");
        assertThat(live.attributes().get("netId")).isEqualTo(id);

        graph.users().byUserId(id).delete();
        SourceUserRecord softDeleted = contoso.user(id).orElseThrow();
        assertThat(softDeleted.removal()).isEqualTo(Removal.SOFT_DELETED);
        assertThat(softDeleted.attributes().get("IsSoftDeleted")).isEqualTo(true);
        assertThat(softDeleted.attributes().get("jobTitle")).isEqualTo("Engineer");

        graph.directory().deletedItems().byDirectoryObjectId(id).delete();
        assertThat(contoso.user(id)).isEmpty();
        assertThat(contoso.user(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void usersAreReadFifteenToARequestAndOnlyTheMissingOnesAreLookedUpInTheRecycleBin() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            int n = i;
            ids.add(createUser("bulk" + i, u -> {
                u.setDepartment("Dept " + n);
                return u;
            }).getId());
        }
        String softDeleted = createUser("bulkgone", u -> u).getId();
        graph.users().byUserId(softDeleted).delete();
        String unknown = UUID.randomUUID().toString();
        List<String> asked = new ArrayList<>(ids);
        asked.add(softDeleted.toUpperCase());
        asked.add(unknown);
        long mark = tenants.journalMark();

        Map<String, java.util.Optional<SourceUserRecord>> read = contoso.users(asked);

        assertThat(read).containsOnlyKeys(asked);
        for (int i = 0; i < ids.size(); i++) {
            SourceUserRecord user = read.get(ids.get(i)).orElseThrow();
            assertThat(user.removal()).isEqualTo(Removal.NONE);
            assertThat(user.attributes().get("department")).isEqualTo("Dept " + i);
        }
        assertThat(read.get(softDeleted.toUpperCase())).hasValueSatisfying(
                user -> assertThat(user.removal()).isEqualTo(Removal.SOFT_DELETED));
        assertThat(read.get(unknown)).isEmpty();
        List<RequestJournal.Entry> requests = tenants.server.components().journal().since(mark);
        assertThat(requests).filteredOn(e -> e.path().equals("/v1.0/users")).hasSize((33 + 14) / 15);
        assertThat(requests).filteredOn(e -> e.path().contains("/directory/deletedItems/")).hasSize(2);
        assertThat(requests).filteredOn(e -> e.path().startsWith("/v1.0/users/")).isEmpty();
    }

    // ---------------------------------------------------------------- helpers of the tests

    static User createUser(String alias, Function<User, User> extra) {
        User user = new User();
        user.setAccountEnabled(true);
        user.setDisplayName("User " + alias);
        user.setMailNickname(alias);
        user.setUserPrincipalName(alias + "@contoso.com");
        PasswordProfile password = new PasswordProfile();
        password.setPassword("Passw0rd!" + UUID.randomUUID());
        password.setForceChangePasswordNextSignIn(false);
        user.setPasswordProfile(password);
        return graph.users().post(extra.apply(user));
    }

    static String createGroup(String name) {
        Group group = new Group();
        group.setDisplayName(name);
        group.setMailEnabled(false);
        group.setMailNickname(name.toLowerCase().replaceAll("[^a-z0-9]", "") + UUID.randomUUID().toString().substring(0, 8));
        group.setSecurityEnabled(true);
        group.setGroupTypes(List.of());
        return graph.groups().post(group).getId();
    }

    static void addMember(String groupId, String memberId) {
        ReferenceCreate reference = new ReferenceCreate();
        reference.setOdataId(tenants.contoso().graphBaseUrl() + "/directoryObjects/" + memberId);
        graph.groups().byGroupId(groupId).members().ref().post(reference);
    }

    static SourceUserRecord byId(SourceRound round, String id) {
        return round.users().stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no user " + id + " in the round"));
    }

    static String upn(SourceUserRecord user) {
        return String.valueOf(user.attributes().get("userPrincipalName"));
    }

    /** The delta requests on a collection since the mark. */
    static List<RequestJournal.Entry> deltaRequests(long mark, String collection) {
        return tenants.server.components().journal().since(mark).stream()
                .filter(e -> e.path().contains("/" + collection + "/delta"))
                .collect(Collectors.toList());
    }
}
