package io.tenantsync.core.policy;

import java.util.Objects;

/**
 * The outcome of evaluating the cross-tenant trust between a source and a target: allowed, or refused with a
 * reason for logs and the error code and text Entra shows for that refusal.
 */
public sealed interface TrustDecision {

    boolean allowed();

    record Allowed() implements TrustDecision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /**
     * @param reason    what is missing, in our words (for provisioning logs)
     * @param errorCode Entra's error code, e.g. {@code AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure}
     * @param errorText Entra's details text for that refusal
     */
    record Refused(String reason, String errorCode, String errorText) implements TrustDecision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(errorText, "errorText");
        }

        @Override
        public boolean allowed() {
            return false;
        }
    }

    static TrustDecision allow() {
        return new Allowed();
    }
}
