package io.tenantsync.emulator.policy;

import io.tenantsync.emulator.config.Cloud;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one tenant's cross-tenant access policy says, reduced to the settings that decide synchronization and
 * automatic redemption.
 *
 * @param allowedCloudEndpoints the tenant-wide {@code allowedCloudEndpoints} (other clouds it accepts)
 * @param partners              partner configurations by partner tenant id
 */
public record TenantTrust(UUID tenantId, Cloud cloud, Set<String> allowedCloudEndpoints, Map<UUID, Partner> partners) {
    public TenantTrust {
        allowedCloudEndpoints = Set.copyOf(allowedCloudEndpoints);
        partners = Map.copyOf(partners);
    }

    /**
     * One partner configuration. A null flag is "inherit the default", and the default is always false for
     * automatic consent; {@code userSyncInbound} is null when the partner has no identitySynchronization policy.
     */
    public record Partner(Boolean inboundConsent, Boolean outboundConsent, Boolean userSyncInbound) {}

    public Optional<Partner> partner(UUID other) {
        return Optional.ofNullable(partners.get(other));
    }

    boolean acceptsCloudOf(TenantTrust other) {
        return other.cloud == cloud || allowedCloudEndpoints.contains(other.cloud.cloudEndpoint());
    }
}
