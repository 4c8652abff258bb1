package io.tenantsync.core.policy;

import java.util.Objects;
import java.util.Set;

/**
 * What the target tenant allows from one source tenant (entra-semantics §4.4, §4.6).
 *
 * @param tenantId                     the target tenant's id
 * @param cloud                        the cloud the target tenant lives in
 * @param allowedClouds                other clouds enabled in the target's Microsoft cloud settings
 *                                     ({@code crossTenantAccessPolicy.allowedCloudEndpoints})
 * @param defaultConsent               {@code automaticUserConsentSettings} of the target's default configuration
 * @param partnerConsent               {@code automaticUserConsentSettings} of the target's partner configuration for
 *                                     the source; {@link AutomaticUserConsentSettings#INHERITED} when absent
 * @param userSyncInboundAllowed       {@code identitySynchronization.userSyncInbound.isSyncAllowed} of that partner
 *                                     configuration; null when there is no identity synchronization policy
 * @param crossCloudSyncEnabledForSource whether the target ticked cross-cloud synchronization for the source (needed
 *                                     when the source is in another cloud)
 */
public record TargetInboundSettings(String tenantId, MicrosoftCloud cloud, Set<MicrosoftCloud> allowedClouds,
                                    AutomaticUserConsentSettings defaultConsent,
                                    AutomaticUserConsentSettings partnerConsent, Boolean userSyncInboundAllowed,
                                    boolean crossCloudSyncEnabledForSource) {

    public TargetInboundSettings {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(cloud, "cloud");
        allowedClouds = Set.copyOf(allowedClouds);
        defaultConsent = defaultConsent == null ? AutomaticUserConsentSettings.SERVICE_DEFAULT : defaultConsent;
        partnerConsent = partnerConsent == null ? AutomaticUserConsentSettings.INHERITED : partnerConsent;
    }


    /** Whether synced users are redeemed without consent: the partner's {@code inboundAllowed}, else the default's. */
    public boolean inboundAutomaticConsent() {
        return partnerConsent.effectiveInbound(defaultConsent);
    }

    /** Whether inbound user sync is on; no identity synchronization policy means it is not. */
    public boolean userSyncInbound() {
        return Boolean.TRUE.equals(userSyncInboundAllowed);
    }
}
