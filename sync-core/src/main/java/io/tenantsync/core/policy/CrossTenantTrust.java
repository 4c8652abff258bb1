package io.tenantsync.core.policy;

import java.util.Objects;

/**
 * Whether a source tenant may sync users into a target tenant, judged from both tenants' cross-tenant access
 * settings (entra-semantics §4.4, §4.6). Pure: the same settings always give the same decision.
 */
public final class CrossTenantTrust {

    private CrossTenantTrust() {
    }

    /**
     * {@link TrustDecision#allow()} when every {@link TrustRequirement} holds, otherwise the refusal of the first one
     * that does not, in {@link TrustRequirement} declaration order.
     */
    public static TrustDecision evaluate(SourceOutboundSettings source, TargetInboundSettings target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        for (TrustRequirement requirement : TrustRequirement.values()) {
            if (!requirement.isMet(source, target)) {
                return requirement.refusal(source, target);
            }
        }
        return TrustDecision.allow();
    }
}
