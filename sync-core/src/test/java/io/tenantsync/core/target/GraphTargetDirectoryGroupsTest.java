package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.model.Attributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security groups and their direct members through GraphTargetDirectory against the emulated fabrikam tenant. */
class GraphTargetDirectoryGroupsTest {

    static EmulatedTenants tenants;
    static GraphTargetDirectory fabrikam;
    static GraphServiceClient graph;

    @BeforeAll
    static void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        graph = TenantGraphClientFactory.create(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        tenants.close();
    }

    static String member(String alias) {
        return fabrikam.createExternalUser(alias + "@contoso.com", "Member", Attributes.of("displayName", alias))
                .objectId();
    }

    @Test
    void createdGroupIsASecurityGroupThatIsNotMailEnabled() {
        String id = fabrikam.createSecurityGroup("Sales Team (EMEA)", "Synced from Contoso");
        Group group = graph.groups().byGroupId(id).get(request -> request.queryParameters.select = new String[] {
            "displayName", "description", "mailEnabled", "securityEnabled", "groupTypes", "mailNickname"});
        assertThat(group.getDisplayName()).isEqualTo("Sales Team (EMEA)");
        assertThat(group.getDescription()).isEqualTo("Synced from Contoso");
        assertThat(group.getMailEnabled()).isFalse();
        assertThat(group.getSecurityEnabled()).isTrue();
        assertThat(group.getGroupTypes()).isEmpty();
        assertThat(group.getMailNickname()).isEqualTo("salesteamemea");
    }

    @Test
    void updateSetsTheNameAndClearsTheDescription() {
        String id = fabrikam.createSecurityGroup("Old name", "Old description");
        fabrikam.updateGroup(id, "New name", null);
        Group group = graph.groups().byGroupId(id).get(request -> request.queryParameters.select = new String[] {
            "displayName", "description"});
        assertThat(group.getDisplayName()).isEqualTo("New name");
        assertThat(group.getDescription()).isNull();
    }

    @Test
    void membersAreAddedOnceListedAndRemoved() {
        String group = fabrikam.createSecurityGroup("Engineering", null);
        String ada = member("ada");
        String grace = member("grace");

        fabrikam.addMember(group, ada);
        fabrikam.addMember(group, grace);
        fabrikam.addMember(group, ada); // a second add of the same member changes nothing
        assertThat(fabrikam.memberIds(group)).containsExactlyInAnyOrder(ada, grace);

        fabrikam.removeMember(group, ada);
        assertThat(fabrikam.memberIds(group)).containsExactly(grace);
        assertThatThrownBy(() -> fabrikam.removeMember(group, ada)).isInstanceOfSatisfying(
                TargetDirectoryException.class,
                e -> assertThat(e.kind()).isEqualTo(TargetDirectoryException.Kind.NOT_FOUND));
    }

    @Test
    void addingAMemberThatDoesNotExistFailsRatherThanPassingAsAlreadyAdded() {
        String group = fabrikam.createSecurityGroup("Ghosts", null);
        assertThatThrownBy(() -> fabrikam.addMember(group, "00000000-0000-4000-8000-00000000dead"))
                .isInstanceOf(TargetDirectoryException.class);
        assertThat(fabrikam.memberIds(group)).isEmpty();
    }

    @Test
    void aDeletedSecurityGroupIsGone() {
        String id = fabrikam.createSecurityGroup("Short lived", null);
        fabrikam.deleteGroup(id);
        assertThatThrownBy(() -> fabrikam.memberIds(id)).isInstanceOfSatisfying(TargetDirectoryException.class,
                e -> assertThat(e.kind()).isEqualTo(TargetDirectoryException.Kind.NOT_FOUND));
    }
}
