package io.tenantsync.core.policy;

import java.util.Objects;
import java.util.Set;

/**
 * What the source tenant allows towards one target tenant (entra-semantics §4.4, §4.6).
 *
 * @param tenantId               the source tenant's id
 * @param cloud                  the cloud the source tenant lives in
 * @param allowedClouds          other clouds enabled in the source's Microsoft cloud settings
 *                               ({@code crossTenantAccessPolicy.allowedCloudEndpoints})
 * @param defaultConsent         {@code automaticUserConsentSettings} of the source's default configuration
 * @param partnerConsent         {@code automaticUserConsentSettings} of the source's partner configuration for the
 *                               target; {@link AutomaticUserConsentSettings#INHERITED} when there is no partner entry
 * @param configuredAcrossClouds whether the sync configuration was created with "Setup cross-tenant synchronization
 *                               across Microsoft clouds" checked (needed when the target is in another cloud)
 */
public record SourceOutboundSettings(String tenantId, MicrosoftCloud cloud, Set<MicrosoftCloud> allowedClouds,
                                     AutomaticUserConsentSettings defaultConsent,
                                     AutomaticUserConsentSettings partnerConsent, boolean configuredAcrossClouds) {

    public SourceOutboundSettings {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(cloud, "cloud");
        allowedClouds = Set.copyOf(allowedClouds);
        defaultConsent = defaultConsent == null ? AutomaticUserConsentSettings.SERVICE_DEFAULT : defaultConsent;
        partnerConsent = partnerConsent == null ? AutomaticUserConsentSettings.INHERITED : partnerConsent;
    }


    /** Whether users leave with automatic redemption: the partner's {@code outboundAllowed}, else the default's. */
    public boolean outboundAutomaticConsent() {
        return partnerConsent.effectiveOutbound(defaultConsent);
    }
}
