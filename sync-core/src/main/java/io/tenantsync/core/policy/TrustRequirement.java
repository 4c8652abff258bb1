package io.tenantsync.core.policy;

import java.util.EnumSet;
import java.util.Set;

/**
 * What must hold before a source may sync users into a target, in the order {@link CrossTenantTrust} checks them:
 * the source's own settings first (it can check them without reaching the target), then the target's; on each side
 * cloud reachability before consent. When several are missing, the first in this order is the one reported, so an
 * admin fixes them one at a time in the order a real connection would hit them.
 *
 * <p>Error codes and texts are Entra's where entra-semantics §4.4/§4.6 quotes them. Where Microsoft documents no
 * error (an unsupported cloud pair, a cloud missing from {@code allowedCloudEndpoints}) the code starts with
 * {@code TenantSync} and the text is our own.
 */
public enum TrustRequirement {

    /**
     * The two clouds form a pair CTS supports: same cloud (global, US Government, and 21Vianet — the 2026 configure
     * page lists it, the 2026 overview says otherwise; we follow the configure page), commercial → US Government,
     * US Government → commercial, commercial → 21Vianet.
     */
    SUPPORTED_CLOUD_PAIR,
    /** Cross-cloud: the source enabled the target's cloud in its Microsoft cloud settings. */
    SOURCE_ALLOWS_TARGET_CLOUD,
    /** Cross-cloud: the source's configuration was created with "across Microsoft clouds" checked. */
    SOURCE_CONFIGURED_ACROSS_CLOUDS,
    /** The source allows automatic redemption outbound to the target. */
    SOURCE_OUTBOUND_AUTOMATIC_CONSENT,
    /** Cross-cloud: the target enabled the source's cloud in its Microsoft cloud settings. */
    TARGET_ALLOWS_SOURCE_CLOUD,
    /** Cross-cloud: the target enabled cross-cloud synchronization for the source. */
    TARGET_CROSS_CLOUD_SYNC_ENABLED,
    /** The target allows users to be synced in from the source ({@code userSyncInbound.isSyncAllowed}). */
    TARGET_INBOUND_SYNC_ALLOWED,
    /** The target allows automatic redemption inbound from the source. */
    TARGET_INBOUND_AUTOMATIC_CONSENT;

    /** Entra's code for the documented CTS policy refusals (entra-semantics §4.4). */
    public static final String POLICY_CHECK_FAILURE = "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure";

    private static final Set<Pair> SUPPORTED_PAIRS = Set.of(
            new Pair(MicrosoftCloud.GLOBAL, MicrosoftCloud.GLOBAL),
            new Pair(MicrosoftCloud.US_GOV, MicrosoftCloud.US_GOV),
            new Pair(MicrosoftCloud.CHINA, MicrosoftCloud.CHINA),
            new Pair(MicrosoftCloud.GLOBAL, MicrosoftCloud.US_GOV),
            new Pair(MicrosoftCloud.US_GOV, MicrosoftCloud.GLOBAL),
            new Pair(MicrosoftCloud.GLOBAL, MicrosoftCloud.CHINA));

    private static final Set<TrustRequirement> CROSS_CLOUD_ONLY = EnumSet.of(SOURCE_ALLOWS_TARGET_CLOUD,
            SOURCE_CONFIGURED_ACROSS_CLOUDS, TARGET_ALLOWS_SOURCE_CLOUD, TARGET_CROSS_CLOUD_SYNC_ENABLED);

    private record Pair(MicrosoftCloud source, MicrosoftCloud target) {
    }

    /** Whether the requirement holds; cross-cloud requirements always hold between tenants of the same cloud. */
    public boolean isMet(SourceOutboundSettings source, TargetInboundSettings target) {
        if (CROSS_CLOUD_ONLY.contains(this) && source.cloud() == target.cloud()) {
            return true;
        }
        return switch (this) {
            case SUPPORTED_CLOUD_PAIR -> SUPPORTED_PAIRS.contains(new Pair(source.cloud(), target.cloud()));
            case SOURCE_ALLOWS_TARGET_CLOUD -> source.allowedClouds().contains(target.cloud());
            case SOURCE_CONFIGURED_ACROSS_CLOUDS -> source.configuredAcrossClouds();
            case SOURCE_OUTBOUND_AUTOMATIC_CONSENT -> source.outboundAutomaticConsent();
            case TARGET_ALLOWS_SOURCE_CLOUD -> target.allowedClouds().contains(source.cloud());
            case TARGET_CROSS_CLOUD_SYNC_ENABLED -> target.crossCloudSyncEnabledForSource();
            case TARGET_INBOUND_SYNC_ALLOWED -> target.userSyncInbound();
            case TARGET_INBOUND_AUTOMATIC_CONSENT -> target.inboundAutomaticConsent();
        };
    }

    /** The refusal reported when this requirement does not hold. */
    public TrustDecision.Refused refusal(SourceOutboundSettings source, TargetInboundSettings target) {
        String sourceId = source.tenantId();
        String targetId = target.tenantId();
        return switch (this) {
            case SUPPORTED_CLOUD_PAIR -> new TrustDecision.Refused(
                    "cross-tenant synchronization from " + source.cloud().displayName() + " to "
                            + target.cloud().displayName() + " is not supported",
                    "TenantSyncCrossCloudPairNotSupported",
                    "Cross-tenant synchronization is not supported from a tenant in "
                            + source.cloud().displayName() + " to a tenant in " + target.cloud().displayName() + ".");
            case SOURCE_ALLOWS_TARGET_CLOUD -> cloudNotAllowed("source", sourceId, target.cloud());
            case SOURCE_CONFIGURED_ACROSS_CLOUDS -> new TrustDecision.Refused(
                    "the configuration was not created for synchronization across Microsoft clouds; delete it and"
                            + " create it again with that option",
                    "ExternalTenantNotFound",
                    "This tenant was not found by the authentication authority of the current cloud: " + targetId
                            + ". The authentication authority is " + source.cloud().authorityHost() + "/" + targetId
                            + ".");
            case SOURCE_OUTBOUND_AUTOMATIC_CONSENT -> new TrustDecision.Refused(
                    "source tenant " + sourceId + " does not allow automatic redemption (outbound automatic user"
                            + " consent) for target tenant " + targetId,
                    POLICY_CHECK_FAILURE,
                    "The source tenant has not enabled automatic user consent with the target tenant. Please enable"
                            + " the outbound cross-tenant access policy for automatic user consent in the source"
                            + " tenant. aka.ms/TroubleshootingCrossTenantSyncPolicyCheck");
            case TARGET_ALLOWS_SOURCE_CLOUD -> cloudNotAllowed("target", targetId, source.cloud());
            case TARGET_CROSS_CLOUD_SYNC_ENABLED -> new TrustDecision.Refused(
                    "target tenant " + targetId + " has not enabled cross-cloud synchronization for source tenant "
                            + sourceId,
                    "AzureActiveDirectoryTokenExpired",
                    "The identity of the calling application could not be established.");
            case TARGET_INBOUND_SYNC_ALLOWED -> new TrustDecision.Refused(
                    "target tenant " + targetId + " does not allow users to be synchronized in from source tenant "
                            + sourceId + " (identitySynchronization.userSyncInbound.isSyncAllowed)",
                    POLICY_CHECK_FAILURE,
                    "The target tenant has not enabled inbound synchronization with this tenant. Please request the"
                            + " target tenant admin to enable the inbound synchronization on their cross-tenant"
                            + " access policy. Learn more: aka.ms/TroubleshootingCrossTenantSyncPolicyCheck");
            // No current text is documented for this case; Entra's older generic refusal (entra-semantics §4.4,
            // graph.md §8.1) is the one that names auto-redemption.
            case TARGET_INBOUND_AUTOMATIC_CONSENT -> new TrustDecision.Refused(
                    "target tenant " + targetId + " does not allow automatic redemption (inbound automatic user"
                            + " consent) for source tenant " + sourceId,
                    "AzureDirectoryB2BManagementPolicyCheckFailure",
                    "Policy permitting auto-redemption of invitations not configured.");
        };
    }

    private static TrustDecision.Refused cloudNotAllowed(String side, String tenantId, MicrosoftCloud otherCloud) {
        return new TrustDecision.Refused(
                side + " tenant " + tenantId + " has not enabled " + otherCloud.displayName()
                        + " in its Microsoft cloud settings",
                "TenantSyncCrossCloudEndpointNotAllowed",
                "The " + side + " tenant has not enabled " + otherCloud.displayName() + " in its Microsoft cloud"
                        + " settings (crossTenantAccessPolicy.allowedCloudEndpoints must include '"
                        + otherCloud.allowedCloudEndpoint() + "').");
    }
}
