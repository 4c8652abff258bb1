package io.tenantsync.emulator.policy;

import io.tenantsync.emulator.policy.TrustDecision.Refusal;

/**
 * Decides, from both tenants' cross-tenant access policies, whether cross-tenant synchronization from a source to a
 * target tenant is allowed and whether automatic redemption applies. Pure: the same inputs give the same answer.
 *
 * <p>Rules (entra-semantics §4.4, §4.6): the source needs a partner configuration for the target with
 * {@code automaticUserConsentSettings.outboundAllowed} true; the target needs one for the source with
 * {@code automaticUserConsentSettings.inboundAllowed} true and, for synchronization, an identitySynchronization policy
 * with {@code userSyncInbound.isSyncAllowed} true. Across clouds, each tenant's {@code allowedCloudEndpoints} must
 * name the other's cloud. Checks run in that order of setup (clouds, source, target) and the first failure is reported.
 */
public final class CrossTenantTrust {
    static final String SYNC_CHECK_FAILURE = "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure";
    static final String B2B_CHECK_FAILURE = "AzureDirectoryB2BManagementPolicyCheckFailure";
    private static final String TROUBLESHOOT = "aka.ms/TroubleshootingCrossTenantSyncPolicyCheck";

    private CrossTenantTrust() {}

    /** Whether users may be synchronized from {@code source} into {@code target}. */
    public static TrustDecision synchronization(TenantTrust source, TenantTrust target) {
        TrustDecision clouds = clouds(source, target);
        if (!clouds.allowed()) return clouds;
        TrustDecision outbound = outboundConsent(source, target);
        if (!outbound.allowed()) return outbound;
        boolean syncAllowed = target.partner(source.tenantId()).map(p -> Boolean.TRUE.equals(p.userSyncInbound())).orElse(false);
        if (!syncAllowed) {
            return TrustDecision.refused(Refusal.TARGET_INBOUND_SYNC_NOT_ALLOWED, SYNC_CHECK_FAILURE,
                    "The target tenant has not enabled inbound synchronization with this tenant. Please request the target tenant "
                            + "admin to enable the inbound synchronization on their cross-tenant access policy. Learn more: " + TROUBLESHOOT);
        }
        return inboundConsent(source, target);
    }

    /** Whether an invitation from {@code inviting} to a user of {@code home} is redeemed without a consent prompt. */
    public static TrustDecision automaticRedemption(TenantTrust home, TenantTrust inviting) {
        TrustDecision clouds = clouds(home, inviting);
        if (!clouds.allowed()) return clouds;
        TrustDecision outbound = outboundConsent(home, inviting);
        if (!outbound.allowed()) return outbound;
        return inboundConsent(home, inviting);
    }

    private static TrustDecision clouds(TenantTrust source, TenantTrust target) {
        if (!source.acceptsCloudOf(target)) {
            // Entra's error when the source's Microsoft cloud settings do not include the target's cloud
            String authority = "https://login." + source.cloud().cloudEndpoint() + "/" + target.tenantId();
            return TrustDecision.refused(Refusal.SOURCE_CLOUD_NOT_ALLOWED, "ExternalTenantNotFound",
                    "This tenant was not found by the authentication authority of the current cloud: " + target.tenantId()
                            + ". The authentication authority is " + authority + ".");
        }
        if (!target.acceptsCloudOf(source)) {
            // Entra's error when the target has not enabled the source's cloud
            return TrustDecision.refused(Refusal.TARGET_CLOUD_NOT_ALLOWED, "AzureActiveDirectoryTokenExpired",
                    "The identity of the calling application could not be established.");
        }
        return TrustDecision.ALLOWED;
    }

    private static TrustDecision outboundConsent(TenantTrust source, TenantTrust target) {
        boolean outbound = source.partner(target.tenantId()).map(p -> Boolean.TRUE.equals(p.outboundConsent())).orElse(false);
        if (outbound) return TrustDecision.ALLOWED;
        return TrustDecision.refused(Refusal.SOURCE_OUTBOUND_CONSENT_MISSING, SYNC_CHECK_FAILURE,
                "The source tenant has not enabled automatic user consent with the target tenant. Please enable the outbound "
                        + "cross-tenant access policy for automatic user consent in the source tenant. " + TROUBLESHOOT);
    }

    private static TrustDecision inboundConsent(TenantTrust source, TenantTrust target) {
        boolean inbound = target.partner(source.tenantId()).map(p -> Boolean.TRUE.equals(p.inboundConsent())).orElse(false);
        if (inbound) return TrustDecision.ALLOWED;
        return TrustDecision.refused(Refusal.TARGET_INBOUND_CONSENT_MISSING, B2B_CHECK_FAILURE,
                "Policy permitting auto-redemption of invitations not configured.");
    }
}
