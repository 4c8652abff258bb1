package io.tenantsync.conformance.target;

import com.microsoft.graph.models.CrossTenantIdentitySyncPolicyPartner;
import com.microsoft.graph.models.CrossTenantUserSyncInbound;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.VerifiedDomain;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.TenantGraphClientFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The target tenant as the cross-tenant checks read and steer it: the official Graph SDK with the target's admin
 * app, wired by sync-core's {@link TenantGraphClientFactory} (azure-identity, trusted CA). It reads Graph directly,
 * never through the code under test.
 */
public final class TargetTenant {
    /** What a check compares on a target user. */
    public static final String[] SELECT = {"id", "userPrincipalName", "userType", "displayName", "givenName", "surname",
        "department", "employeeId", "companyName", "jobTitle", "accountEnabled", "mail", "otherMails", "creationType",
        "onPremisesExtensionAttributes", "deletedDateTime"};

    private final GraphServiceClient graph;
    private final CrossTenantSettings settings;
    private volatile String initialDomain;

    public TargetTenant(CrossTenantSettings settings) {
        this.settings = settings;
        this.graph = TenantGraphClientFactory.create(settings.admin(), GraphClientOptions.DEFAULTS);
    }

    public CrossTenantSettings settings() {
        return settings;
    }

    /** The tenant's initial ({@code *.onmicrosoft.com}) domain, which B2B UPNs end with. */
    public String initialDomain() {
        if (initialDomain == null) {
            var organizations = graph.organization().get();
            initialDomain = organizations.getValue().stream()
                    .flatMap(o -> o.getVerifiedDomains().stream())
                    .filter(d -> Boolean.TRUE.equals(d.getIsInitial()))
                    .map(VerifiedDomain::getName)
                    .findFirst().orElseThrow(() -> new IllegalStateException("the target organization has no initial domain"));
        }
        return initialDomain;
    }

    /** Users (not deleted) whose {@code otherMails} hold the invited address: how a B2B user is found by its origin. */
    public List<User> usersInvitedAs(String email) {
        UserCollectionResponse found = graph.users().get(r -> {
            r.queryParameters.filter = otherMails(email);
            r.queryParameters.select = SELECT;
        });
        return found == null || found.getValue() == null ? List.of() : found.getValue();
    }

    /** Soft-deleted users whose {@code otherMails} hold the invited address. */
    public List<User> deletedUsersInvitedAs(String email) {
        UserCollectionResponse found = graph.directory().deletedItems().graphUser().get(r -> {
            r.queryParameters.filter = otherMails(email);
            r.queryParameters.select = SELECT;
        });
        return found == null || found.getValue() == null ? List.of() : found.getValue();
    }

    private static String otherMails(String email) {
        return "otherMails/any(m:m eq '" + email.replace("'", "''") + "')";
    }

    public Optional<User> user(String id) {
        return absentOn404(() -> graph.users().byUserId(id).get(r -> r.queryParameters.select = SELECT));
    }

    public Optional<DirectoryObject> deletedItem(String id) {
        return absentOn404(() -> graph.directory().deletedItems().byDirectoryObjectId(id).get());
    }

    /** The id of the user's manager, if one is set. */
    public Optional<String> managerId(String userId) {
        return absentOn404(() -> graph.users().byUserId(userId).manager().get()).map(DirectoryObject::getId);
    }

    /** {@code onPremisesExtensionAttributes.extensionAttribute1} of a user read with {@link #SELECT}. */
    public static Optional<String> extensionAttribute1(User user) {
        return Optional.ofNullable(user.getOnPremisesExtensionAttributes()).map(a -> a.getExtensionAttribute1());
    }

    /** The expected {@code #EXT#} UPN of an invited address: {@code local_domain#EXT#@initialDomain}. */
    public String externalUpn(String email) {
        return email.toLowerCase(Locale.ROOT).replace("@", "_") + "#EXT#@" + initialDomain();
    }

    /** The partner policy's identity synchronization for the source tenant, if one exists. */
    public Optional<CrossTenantIdentitySyncPolicyPartner> identitySync(String sourceTenantId) {
        return absentOn404(() -> partner(sourceTenantId).identitySynchronization().get());
    }

    /** Withdraws inbound sync from the source: deletes the partner's identity synchronization policy. */
    public void withdrawInboundSync(String sourceTenantId) {
        partner(sourceTenantId).identitySynchronization().delete();
    }

    /**
     * Puts back a policy read before. The values are copied into new objects: the SDK's backing store serialises only
     * what was set since an object was read, so sending the read object back would send nothing.
     */
    public void restoreIdentitySync(String sourceTenantId, CrossTenantIdentitySyncPolicyPartner previous) {
        CrossTenantIdentitySyncPolicyPartner copy = new CrossTenantIdentitySyncPolicyPartner();
        copy.setDisplayName(previous.getDisplayName());
        if (previous.getUserSyncInbound() != null) {
            CrossTenantUserSyncInbound inbound = new CrossTenantUserSyncInbound();
            inbound.setIsSyncAllowed(previous.getUserSyncInbound().getIsSyncAllowed());
            copy.setUserSyncInbound(inbound);
        }
        partner(sourceTenantId).identitySynchronization().put(copy);
    }

    private com.microsoft.graph.policies.crosstenantaccesspolicy.partners.item.CrossTenantAccessPolicyConfigurationPartnerTenantItemRequestBuilder partner(String sourceTenantId) {
        return graph.policies().crossTenantAccessPolicy().partners()
                .byCrossTenantAccessPolicyConfigurationPartnerTenantId(sourceTenantId);
    }

    private static <T> Optional<T> absentOn404(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404) return Optional.empty();
            throw e;
        }
    }
}
