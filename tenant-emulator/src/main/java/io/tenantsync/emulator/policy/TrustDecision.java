package io.tenantsync.emulator.policy;

import java.util.Objects;

/**
 * The answer of {@link CrossTenantTrust}: allowed, or refused with the reason and the error code and text Entra shows
 * for it.
 */
public record TrustDecision(Refusal refusal, String errorCode, String message) {
    /** Why a source→target pair is refused. */
    public enum Refusal {
        /** The source's allowedCloudEndpoints do not include the target's cloud. */
        SOURCE_CLOUD_NOT_ALLOWED,
        /** The target's allowedCloudEndpoints do not include the source's cloud. */
        TARGET_CLOUD_NOT_ALLOWED,
        /** The source has no partner configuration for the target with automaticUserConsentSettings.outboundAllowed true. */
        SOURCE_OUTBOUND_CONSENT_MISSING,
        /** The target has no identitySynchronization for the source with userSyncInbound.isSyncAllowed true. */
        TARGET_INBOUND_SYNC_NOT_ALLOWED,
        /** The target's partner configuration for the source lacks automaticUserConsentSettings.inboundAllowed true. */
        TARGET_INBOUND_CONSENT_MISSING
    }

    public static final TrustDecision ALLOWED = new TrustDecision(null, null, null);

    public static TrustDecision refused(Refusal refusal, String errorCode, String message) {
        return new TrustDecision(Objects.requireNonNull(refusal), Objects.requireNonNull(errorCode), Objects.requireNonNull(message));
    }

    public boolean allowed() { return refusal == null; }
}
