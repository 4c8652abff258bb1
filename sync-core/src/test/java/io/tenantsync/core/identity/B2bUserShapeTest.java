package io.tenantsync.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class B2bUserShapeTest {

    private static final String UPN = "ada_contoso.com#EXT#@fabrikam.onmicrosoft.com";

    @Test
    void syncedUserIsAnAcceptedInvitedMemberWithFederatedAndUpnIdentities() {
        B2bUserShape shape = B2bUserShape.forSyncedUser(UPN, "fabrikam.onmicrosoft.com", "ada@contoso.com");
        assertThat(shape.userPrincipalName()).isEqualTo(UPN);
        assertThat(shape.userType()).isEqualTo(UserType.MEMBER);
        assertThat(shape.mail()).isEqualTo("ada@contoso.com");
        assertThat(shape.otherMails()).containsExactly("ada@contoso.com");
        assertThat(shape.identities()).containsExactly(
                new ObjectIdentity("federated", "ExternalAzureAD", null),
                new ObjectIdentity("userPrincipalName", "fabrikam.onmicrosoft.com", UPN));
        assertThat(shape.creationType()).isEqualTo("Invitation");
        assertThat(shape.externalUserState()).isEqualTo("Accepted");
    }

    @Test
    void connectionMayCreateGuestsInstead() {
        assertThat(B2bUserShape.forSyncedUser(UPN, "fabrikam.onmicrosoft.com", "ada@contoso.com", UserType.GUEST)
                .userType().graphValue()).isEqualTo("Guest");
    }

    @ParameterizedTest(name = "mail ''{0}''")
    @CsvSource({"''", "'   '", ","})
    void withoutSourceMailThereIsNoMailAndNoOtherMails(String mail) {
        B2bUserShape shape = B2bUserShape.forSyncedUser(UPN, "fabrikam.onmicrosoft.com", mail);
        assertThat(shape.mail()).isNull();
        assertThat(shape.otherMails()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Member, MEMBER", "guest, GUEST", "GUEST, GUEST"})
    void userTypeReadsGraphValuesIgnoringCase(String value, UserType expected) {
        assertThat(UserType.fromGraphValue(value)).contains(expected);
        assertThat(UserType.fromGraphValue("Visitor")).isEmpty();
    }
}
