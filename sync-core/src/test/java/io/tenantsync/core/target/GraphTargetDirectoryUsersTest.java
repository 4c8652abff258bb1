package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.User;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.reconcile.TargetState.Origin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user lifecycle reconcile drives, through GraphTargetDirectory against the emulated fabrikam tenant. */
class GraphTargetDirectoryUsersTest {

    static EmulatedTenants tenants;
    static GraphTargetDirectory fabrikam;

    @BeforeAll
    static void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        tenants.close();
    }

    static TargetState.Present createMember(String alias) {
        return fabrikam.createExternalUser(alias + "@contoso.com", "Member",
                Attributes.of("displayName", "User " + alias, "userPrincipalName", alias + "@contoso.com",
                        "mail", alias + "@contoso.com", "accountEnabled", true));
    }

    @Test
    void externalMemberIsCreatedByInvitationWithTheMappedAttributesAndManager() {
        TargetState.Present manager = createMember("nestor");
        Attributes mapped = Attributes.of("displayName", "Megan Bowen", "givenName", "Megan", "surname", "Bowen",
                "userPrincipalName", "megan@contoso.com", "mail", "megan@contoso.com", "companyName", "Contoso",
                "department", "Sales", "extensionAttribute1", "cost-center-7", "showInAddressList", "True",
                "telephoneNumber", "+1 425 555 0100", "employeeHireDate", "2024-01-15T00:00:00Z",
                "accountEnabled", true, "userType", "Member", "manager", manager.objectId(),
                "alternativeSecurityIds", "netid-not-writable", "IsSoftDeleted", false);

        TargetState.Present created = fabrikam.createExternalUser("megan@contoso.com", "Member", mapped);

        assertThat(created.origin()).isEqualTo(Origin.EXTERNAL);
        assertThat(created.userType()).isEqualTo("Member");
        assertThat(created.accountEnabled()).isTrue();
        Attributes a = created.attributes();
        assertThat(a.getString("userPrincipalName")).isEqualTo("megan_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        assertThat(a.getString("displayName")).isEqualTo("Megan Bowen");
        assertThat(a.getString("companyName")).isEqualTo("Contoso");
        assertThat(a.getString("extensionAttribute1")).isEqualTo("cost-center-7");
        assertThat(a.get("showInAddressList")).isEqualTo(true);
        assertThat(a.getString("telephoneNumber")).isEqualTo("+1 425 555 0100");
        assertThat(a.getString("employeeHireDate")).isEqualTo("2024-01-15T00:00:00Z");
        assertThat(a.getString("manager")).isEqualTo(manager.objectId());
        assertThat(a.getString("creationType")).isEqualTo("Invitation");
        assertThat(a.getString("externalUserState")).isEqualTo("Accepted");
        assertThat(a.has("alternativeSecurityIds")).isFalse();
        assertThat(fabrikam.get(created.objectId())).isEqualTo(created);
    }

    @Test
    void aMappedUpnOtherThanTheInvitedAddressBecomesTheExtUpn() {
        TargetState.Present created = fabrikam.createExternalUser("lynne.robbins@contoso.com", "Guest",
                Attributes.of("displayName", "Lynne", "userPrincipalName", "lynne@contoso.com"));
        assertThat(created.userType()).isEqualTo("Guest");
        assertThat(created.attributes().getString("userPrincipalName"))
                .isEqualTo("lynne_contoso.com#EXT#@fabrikam.onmicrosoft.com");
    }

    @Test
    void theUserAnInvitationProducedIsFoundByItsAddressActiveOrSoftDeleted() {
        TargetState.Present created = createMember("Alex.Wilber");

        assertThat(fabrikam.findExternalUser("alex.wilber@CONTOSO.com")).contains(created);
        assertThat(fabrikam.findExternalUser("nobody@contoso.com")).isEmpty();

        fabrikam.softDelete(created.objectId());
        assertThat(fabrikam.findExternalUser("Alex.Wilber@contoso.com")).hasValueSatisfying(found -> {
            assertThat(found).isInstanceOf(TargetState.SoftDeleted.class);
            assertThat(((TargetState.SoftDeleted) found).objectId()).isEqualTo(created.objectId());
        });
    }

    @Test
    void theMatchableAddressesAreThoseOfActiveAndSoftDeletedUsersAndNoOthers() {
        createMember("Xavier.Match");
        TargetState.Present leaving = createMember("yvonne.match");
        fabrikam.softDelete(leaving.objectId());

        Set<String> addresses = fabrikam.matchableAddresses().orElseThrow();

        assertThat(addresses).contains("xavier.match@contoso.com", "yvonne.match@contoso.com")
                .doesNotContain("nobody.match@contoso.com");
        assertThat(fabrikam.findExternalUser("nobody.match@contoso.com")).isEmpty();
    }

    @Test
    void updateWritesOnlyTheChangesInOnePatchAndClearsWithNull() {
        TargetState.Present manager = createMember("irvin");
        TargetState.Present user = fabrikam.createExternalUser("diego@contoso.com", "Member", Attributes.of(
                "displayName", "Diego", "jobTitle", "Engineer", "extensionAttribute1", "a", "extensionAttribute2", "b",
                "manager", manager.objectId()));
        long mark = tenants.journalMark();

        fabrikam.update(user.objectId(), List.of(
                new AttributeChange("displayName", "Diego", "Diego Siciliani"),
                new AttributeChange("jobTitle", "Engineer", null),
                new AttributeChange("extensionAttribute2", "b", "c"),
                new AttributeChange("accountEnabled", true, "False"),
                new AttributeChange("manager", manager.objectId(), null)));

        assertThat(tenants.journalSince(mark, "/v1.0/users/" + user.objectId())).singleElement()
                .satisfies(e -> assertThat(e.method()).isEqualTo("PATCH"));
        Attributes after = ((TargetState.Present) fabrikam.get(user.objectId())).attributes();
        assertThat(after.getString("displayName")).isEqualTo("Diego Siciliani");
        assertThat(after.has("jobTitle")).isFalse();
        assertThat(after.getString("extensionAttribute1")).isEqualTo("a");
        assertThat(after.getString("extensionAttribute2")).isEqualTo("c");
        assertThat(after.get("accountEnabled")).isEqualTo(false);
        assertThat(after.has("manager")).isFalse();
    }

    @Test
    void disabledThenSoftDeletedThenRestoredThenHardDeletedUserKeepsItsObjectIdUntilPurged() {
        TargetState.Present user = createMember("patti");
        String id = user.objectId();

        fabrikam.disable(id);
        assertThat(((TargetState.Present) fabrikam.get(id)).accountEnabled()).isFalse();

        fabrikam.softDelete(id);
        assertThat(fabrikam.get(id)).isInstanceOfSatisfying(TargetState.SoftDeleted.class, deleted -> {
            assertThat(deleted.objectId()).isEqualTo(id);
            assertThat(deleted.origin()).isEqualTo(Origin.EXTERNAL);
            assertThat(deleted.deletedDateTime()).isNotNull();
        });

        fabrikam.restore(id);
        assertThat(fabrikam.get(id)).isInstanceOfSatisfying(TargetState.Present.class, restored -> assertThat(
                restored.attributes().getString("userPrincipalName"))
                .isEqualTo("patti_contoso.com#EXT#@fabrikam.onmicrosoft.com"));

        fabrikam.hardDelete(id);
        assertThat(fabrikam.get(id)).isInstanceOf(TargetState.Absent.class);
        fabrikam.hardDelete(id); // already gone is what a hard delete wants
    }

    @Test
    void aSoftDeletedUserIsPurgedByHardDelete() {
        String id = createMember("pradeep").objectId();
        fabrikam.softDelete(id);
        fabrikam.hardDelete(id);
        assertThat(fabrikam.get(id)).isInstanceOf(TargetState.Absent.class);
        assertThat(fabrikam.findExternalUser("pradeep@contoso.com")).isEmpty();
    }

    @Test
    void anUnknownObjectIdIsAbsent() {
        assertThat(fabrikam.get("00000000-0000-4000-8000-000000000001")).isInstanceOf(TargetState.Absent.class);
    }

    @Test
    void aMemberCreatedInTheTargetItselfIsInternal() {
        var graph = TenantGraphClientFactory.create(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        User member = new User();
        member.setAccountEnabled(true);
        member.setDisplayName("Isaiah");
        member.setMailNickname("isaiah");
        member.setUserPrincipalName("isaiah@fabrikam.onmicrosoft.com");
        PasswordProfile password = new PasswordProfile();
        password.setPassword("Secret!isaiah-1");
        member.setPasswordProfile(password);
        String id = graph.users().post(member).getId();

        assertThat(fabrikam.get(id)).isInstanceOfSatisfying(TargetState.Present.class,
                present -> assertThat(present.origin()).isEqualTo(Origin.INTERNAL));
    }

    @Test
    void restoringAUserThatIsNotDeletedIsNotFound() {
        String id = createMember("grady").objectId();
        assertThatThrownBy(() -> fabrikam.restore(id)).isInstanceOfSatisfying(TargetDirectoryException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(TargetDirectoryException.Kind.NOT_FOUND);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("Request_ResourceNotFound");
                });
    }
}
