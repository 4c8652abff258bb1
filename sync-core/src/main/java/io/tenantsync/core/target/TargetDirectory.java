package io.tenantsync.core.target;

import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TargetInboundSettings;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.TargetState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The target tenant as reconcile acts on it: read one user, find the B2B user an invitation produced, and perform each
 * {@link io.tenantsync.core.reconcile.Action}; plus security groups and their members, and the target's cross-tenant
 * trust settings.
 *
 * <p>Attribute names are those of the CTS user schema ({@link io.tenantsync.core.mapping.UserSchema}), not Graph's:
 * an implementation translates them ({@code extensionAttribute1} is a member of Graph's
 * {@code onPremisesExtensionAttributes}, {@code manager} is a reference holding the manager's target object id).
 * Every failure is a {@link TargetDirectoryException} whose {@link TargetDirectoryException.Kind kind} says whether to
 * retry, escrow or quarantine.
 */
public interface TargetDirectory {

    /** The user with this object id: present, soft-deleted in the recycle bin, or absent (never existed or purged). */
    TargetState get(String objectId);

    /**
     * The B2B user created for this invited address, active or soft-deleted; empty when there is none. Use it before
     * creating again when a create's response was lost, and for matching.
     */
    Optional<TargetState> findExternalUser(String invitedEmail);

    /**
     * Creates a B2B user the way Microsoft Graph allows it (an invitation, redeemed automatically when both tenants'
     * trust settings allow it, without an email), then writes the mapped attributes in one update.
     *
     * @param userType   {@code Member} (the CTS default) or {@code Guest}
     * @param attributes the mapped attributes to write after the invitation
     * @return the created user as the target has it after the update
     */
    TargetState.Present createExternalUser(String invitedEmail, String userType, Attributes attributes);

    /**
     * {@link #createExternalUser} for a caller that needs only the new user's object id: a directory may then skip
     * reading the user back (one request fewer per creation).
     */
    /**
     * Every address a {@link #findExternalUser} lookup could match right now (lower case): the {@code otherMails} of
     * the directory's users, active and deleted. A caller about to match many users can skip the lookup of an address
     * that is not in it. Empty when the directory cannot list them cheaply.
     */
    default Optional<Set<String>> matchableAddresses() {
        return Optional.empty();
    }

    default String createExternalUserId(String invitedEmail, String userType, Attributes attributes) {
        return createExternalUser(invitedEmail, userType, attributes).objectId();
    }

    /** Changes these attributes of the user in one write (plus the manager reference, if it changes); null clears. */
    void update(String objectId, List<AttributeChange> changes);

    /** Blocks sign-in ({@code accountEnabled = false}); nothing else changes. */
    void disable(String objectId);

    /**
     * Moves the user to the recycle bin, restorable with the same object id within the retention window; a user in the
     * recycle bin already is left there without failing (a retried deletion whose first response was lost).
     */
    void softDelete(String objectId);

    /** Brings a soft-deleted user back with its object id (and, in Entra, its group memberships). */
    void restore(String objectId);

    /** Deletes the user permanently: soft-deletes it first when it is still active, then purges it. */
    void hardDelete(String objectId);

    /**
     * Creates a security group (not mail-enabled) and returns its object id.
     *
     * @param description null for none
     */
    String createSecurityGroup(String displayName, String description);

    /** Sets the group's display name and description; a null description clears it. */
    void updateGroup(String groupId, String displayName, String description);

    /** Deletes the group. Entra deletes security groups permanently: they never enter the recycle bin. */
    void deleteGroup(String groupId);

    /** Makes the directory object a direct member of the group; adding an existing member changes nothing. */
    void addMember(String groupId, String memberId);

    /** Removes a direct member of the group; removing one that is not a member fails with NOT_FOUND. */
    void removeMember(String groupId, String memberId);

    /** The object ids of the group's direct members, every page read. */
    List<String> memberIds(String groupId);

    /** The target's default and partner configuration for the source tenant, with its identity synchronization. */
    TargetInboundSettings inboundSettingsFor(String sourceTenantId);
}
