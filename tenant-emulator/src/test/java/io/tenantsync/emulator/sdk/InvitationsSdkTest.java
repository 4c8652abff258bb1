package io.tenantsync.emulator.sdk;

import com.microsoft.graph.models.Invitation;
import com.microsoft.graph.models.ObjectIdentity;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.emulator.EmulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tenantsync.emulator.EmulatorFixture.CONTOSO;
import static io.tenantsync.emulator.EmulatorFixture.FABRIKAM;
import static io.tenantsync.emulator.sdk.CrossTenantPolicySdkTest.consent;
import static io.tenantsync.emulator.sdk.CrossTenantPolicySdkTest.partner;
import static org.assertj.core.api.Assertions.assertThat;

/** B2B invitations through the SDK: the invited user's shape, and automatic redemption decided by both tenants' policies. */
class InvitationsSdkTest {
    static EmulatorFixture f;
    static GraphServiceClient contoso, fabrikam;
    static final String[] B2B_PROPERTIES = {"userPrincipalName", "userType", "mail", "otherMails", "creationType", "externalUserState",
            "externalUserStateChangeDateTime", "identities", "showInAddressList", "accountEnabled", "mailNickname", "displayName"};

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        contoso = SdkClients.contoso(f);
        fabrikam = SdkClients.fabrikam(f);
        // contoso users may be auto-redeemed into fabrikam (fabrikam inbound + contoso outbound); not the other way round
        fabrikam.policies().crossTenantAccessPolicy().partners().post(partner(CONTOSO));
        fabrikam.policies().crossTenantAccessPolicy().partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString())
                .patch(consent(true, null));
        contoso.policies().crossTenantAccessPolicy().partners().post(partner(FABRIKAM));
        contoso.policies().crossTenantAccessPolicy().partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(FABRIKAM.toString())
                .patch(consent(null, true));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Invitation invitation(String email, String type) {
        Invitation i = new Invitation();
        i.setInvitedUserEmailAddress(email);
        i.setInviteRedirectUrl("https://myapps.microsoft.com");
        i.setInvitedUserType(type);
        i.setSendInvitationMessage(false);
        return i;
    }

    static User read(GraphServiceClient graph, String id) {
        return graph.users().byUserId(id).get(rc -> rc.queryParameters.select = B2B_PROPERTIES);
    }

    @Test
    void memberInvitationWithBothConsentsIsRedeemedAtOnceWithAnExtUpn() {
        Invitation inv = invitation("Megan.Bowen@contoso.com", "Member");
        inv.setInvitedUserDisplayName("Megan Bowen");
        Invitation result = fabrikam.invitations().post(inv);
        assertThat(result.getStatus()).isEqualTo("Completed");
        assertThat(result.getInvitedUserType()).isEqualTo("Member");
        assertThat(result.getInviteRedeemUrl()).startsWith("https://");
        String id = result.getInvitedUser().getId();

        User u = read(fabrikam, id);
        assertThat(u.getUserPrincipalName()).isEqualTo("Megan.Bowen_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        assertThat(u.getUserType()).isEqualTo("Member");
        assertThat(u.getMail()).isEqualTo("Megan.Bowen@contoso.com");
        assertThat(u.getOtherMails()).containsExactly("Megan.Bowen@contoso.com");
        assertThat(u.getCreationType()).isEqualTo("Invitation");
        assertThat(u.getExternalUserState()).isEqualTo("Accepted");
        assertThat(u.getExternalUserStateChangeDateTime()).isNotNull();
        assertThat(u.getShowInAddressList()).isFalse();
        assertThat(u.getAccountEnabled()).isTrue();
        assertThat(u.getDisplayName()).isEqualTo("Megan Bowen");
        assertThat(u.getMailNickname()).isEqualTo("Megan.Bowen_contoso.com#EXT#");
        ObjectIdentity federated = u.getIdentities().get(0);
        assertThat(federated.getSignInType()).isEqualTo("federated");
        assertThat(federated.getIssuer()).isEqualTo("ExternalAzureAD");
        assertThat(federated.getIssuerAssignedId()).isNull();

        // the B2B user is an ordinary user for /users: its #EXT# UPN can be changed
        User patch = new User();
        patch.setUserPrincipalName("megan.b_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        patch.setDepartment("Sales");
        fabrikam.users().byUserId(id).patch(patch);
        assertThat(read(fabrikam, id).getUserPrincipalName()).isEqualTo("megan.b_contoso.com#EXT#@fabrikam.onmicrosoft.com");

        // inviting the same address again names the same user instead of creating a second one
        Invitation again = fabrikam.invitations().post(invitation("megan.bowen@CONTOSO.com", "Member"));
        assertThat(again.getInvitedUser().getId()).isEqualTo(id);
        assertThat(again.getStatus()).isEqualTo("Completed");
    }

    @Test
    void invitationWithoutAutomaticConsentStaysPendingAcceptance() {
        // fabrikam → contoso has no consent on either side
        Invitation result = contoso.invitations().post(invitation("adele@fabrikam.com", null));
        assertThat(result.getStatus()).isEqualTo("PendingAcceptance");
        assertThat(result.getInvitedUserType()).isEqualTo("Guest");
        User u = read(contoso, result.getInvitedUser().getId());
        assertThat(u.getUserType()).isEqualTo("Guest");
        assertThat(u.getExternalUserState()).isEqualTo("PendingAcceptance");
        assertThat(u.getUserPrincipalName()).isEqualTo("adele_fabrikam.com#EXT#@contoso.onmicrosoft.com");
        assertThat(u.getIdentities().get(0).getIssuer()).isEqualTo("ExternalAzureAD");
    }

    @Test
    void addressOfADomainNoEmulatedTenantOwnsIsAMailIdentityPendingAcceptance() {
        Invitation result = fabrikam.invitations().post(invitation("pat@example.org", "Guest"));
        assertThat(result.getStatus()).isEqualTo("PendingAcceptance");
        User u = read(fabrikam, result.getInvitedUser().getId());
        assertThat(u.getIdentities().get(0).getIssuer()).isEqualTo("mail");
        assertThat(u.getUserPrincipalName()).isEqualTo("pat_example.org#EXT#@fabrikam.onmicrosoft.com");
    }

    @Test
    void aTakenUpnGetsANumberBeforeTheExtMarker() {
        User member = new User();
        member.setAccountEnabled(true);
        member.setDisplayName("Lee (member)");
        member.setMailNickname("leemember");
        member.setUserPrincipalName("lee_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        PasswordProfile pw = new PasswordProfile();
        pw.setPassword("Secret!lee-1");
        member.setPasswordProfile(pw);
        fabrikam.users().post(member);

        Invitation result = fabrikam.invitations().post(invitation("lee@contoso.com", "Member"));
        assertThat(read(fabrikam, result.getInvitedUser().getId()).getUserPrincipalName())
                .isEqualTo("lee_contoso.com1#EXT#@fabrikam.onmicrosoft.com");
    }

    @Test
    void reinvitingANamedUserResetsItsRedemptionToTheNewAddress() {
        Invitation first = contoso.invitations().post(invitation("joni@example.net", "Guest"));
        String id = first.getInvitedUser().getId();
        Invitation reset = invitation("joni.sherman@example.net", "Guest");
        User target = new User();
        target.setId(id);
        reset.setInvitedUser(target);
        reset.setResetRedemption(true);
        Invitation result = contoso.invitations().post(reset);
        assertThat(result.getInvitedUser().getId()).isEqualTo(id);
        User u = read(contoso, id);
        assertThat(u.getMail()).isEqualTo("joni.sherman@example.net");
        assertThat(u.getExternalUserState()).isEqualTo("PendingAcceptance");
        assertThat(u.getUserPrincipalName()).isEqualTo("joni_example.net#EXT#@contoso.onmicrosoft.com");
    }
}
