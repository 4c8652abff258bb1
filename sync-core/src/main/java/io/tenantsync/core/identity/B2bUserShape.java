package io.tenantsync.core.identity;

import java.util.List;
import java.util.Objects;

/**
 * The B2B-specific properties of a user CTS creates in the target tenant — what makes it an external user rather
 * than what the attribute mappings set (graph.md §4.2, §10):
 * <ul>
 *   <li>{@code userPrincipalName} in the {@code #EXT#} form ({@link ExternalUpnFormat});</li>
 *   <li>{@code userType} {@code Member} by default, {@code Guest} when the connection says so;</li>
 *   <li>{@code identities}: federated through {@code ExternalAzureAD} (the home tenant signs the user in), plus the
 *       UPN identity issued by the target's domain;</li>
 *   <li>{@code mail} and {@code otherMails} from the source mail (the address an invitation is sent to);</li>
 *   <li>{@code creationType} {@code Invitation} and {@code externalUserState} {@code Accepted}: CTS requires
 *       automatic redemption on both sides, so the invitation is redeemed as it is created.</li>
 * </ul>
 */
public record B2bUserShape(String userPrincipalName, UserType userType, String mail, List<String> otherMails,
                           List<ObjectIdentity> identities, String creationType, String externalUserState) {

    public static final String CREATION_TYPE_INVITATION = "Invitation";
    public static final String EXTERNAL_USER_STATE_ACCEPTED = "Accepted";

    public B2bUserShape {
        Objects.requireNonNull(userPrincipalName, "userPrincipalName");
        Objects.requireNonNull(userType, "userType");
        otherMails = List.copyOf(otherMails);
        identities = List.copyOf(identities);
        Objects.requireNonNull(creationType, "creationType");
        Objects.requireNonNull(externalUserState, "externalUserState");
    }

    /**
     * The shape of a newly synced user.
     *
     * @param userPrincipalName the target UPN, already made unique
     * @param targetDomain      the target's initial domain, issuer of the UPN identity
     * @param sourceMail        the source user's mail; null or blank leaves {@code mail} null and {@code otherMails}
     *                          empty
     * @param userType          {@link UserType#MEMBER} unless the connection creates guests
     */
    public static B2bUserShape forSyncedUser(String userPrincipalName, String targetDomain, String sourceMail,
                                             UserType userType) {
        String mail = sourceMail == null || sourceMail.isBlank() ? null : sourceMail.strip();
        return new B2bUserShape(userPrincipalName, userType, mail, mail == null ? List.of() : List.of(mail),
                List.of(new ObjectIdentity("federated", "ExternalAzureAD", null),
                        new ObjectIdentity("userPrincipalName", targetDomain, userPrincipalName)),
                CREATION_TYPE_INVITATION, EXTERNAL_USER_STATE_ACCEPTED);
    }

    /** {@link #forSyncedUser(String, String, String, UserType)} with the CTS default, {@link UserType#MEMBER}. */
    public static B2bUserShape forSyncedUser(String userPrincipalName, String targetDomain, String sourceMail) {
        return forSyncedUser(userPrincipalName, targetDomain, sourceMail, UserType.MEMBER);
    }
}
