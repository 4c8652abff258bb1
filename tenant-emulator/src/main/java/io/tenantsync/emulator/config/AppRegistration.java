package io.tenantsync.emulator.config;

import java.util.List;
import java.util.Set;

/** An application registered in a tenant, with the client secret it authenticates with and its granted application roles. */
public record AppRegistration(String clientId, String clientSecret, String displayName, Set<String> roles) {
    public AppRegistration {
        if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("app registration needs a clientId");
        if (clientSecret == null || clientSecret.isBlank()) throw new IllegalArgumentException("app " + clientId + " needs a clientSecret");
        displayName = displayName == null ? clientId : displayName;
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** Every application role the emulator checks, for full-privilege demo and test apps. */
    public static final List<String> ALL_ROLES = List.of(
            "User.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All", "User.Invite.All",
            "Policy.Read.All", "Policy.ReadWrite.CrossTenantAccess", "AuditLog.Read.All", "Organization.Read.All");
}
