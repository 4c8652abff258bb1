package io.tenantsync.gateway.provisioning;

import java.util.Objects;

/**
 * Why a write may not be stored, e.g. the target tenant has not allowed inbound sync from the source tenant.
 *
 * @param detail the reason shown to the SCIM client; it names the missing consent and never holds secrets
 */
public record Refusal(String detail) {
    public Refusal {
        Objects.requireNonNull(detail, "detail");
    }
}
