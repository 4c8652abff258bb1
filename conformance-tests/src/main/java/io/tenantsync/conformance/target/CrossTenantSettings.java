package io.tenantsync.conformance.target;

import io.tenantsync.core.target.GraphConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the cross-tenant checks need about the Graph-shaped target behind the SCIM endpoint.
 *
 * @param admin                    the target tenant's Graph with an admin app (reads users, deleted items, policy)
 * @param sourceTenantId           the tenant the SCIM endpoint provisions from: its partner policy in the target is
 *                                 withdrawn and restored by the refusal check (skipped without it)
 * @param emulator                 the target's emulator controls, for the window-expiry and lost-response checks
 * @param expectedCompanyName      the tenant-of-origin constant the endpoint's mapping writes to {@code companyName}
 * @param extensionAttribute1From  the SCIM attribute (full path) whose value the mapping writes to
 *                                 {@code extensionAttribute1}, e.g. the enterprise {@code employeeNumber}
 * @param provisioningTimeout      how long a SCIM write may take to show in the target
 * @param policyPropagation        how long a policy change may take to reach the endpoint's decisions
 * @param afterPolicyChange        run after the suite changes the target's policy: an in-process harness may move the
 *                                 endpoint's clock past its trust cache here instead of waiting
 */
public record CrossTenantSettings(GraphConnection admin, Optional<String> sourceTenantId,
                                  Optional<EmulatorControl> emulator, Optional<String> expectedCompanyName,
                                  Optional<String> extensionAttribute1From, Duration provisioningTimeout,
                                  Duration policyPropagation, Runnable afterPolicyChange) {
    public CrossTenantSettings {
        Objects.requireNonNull(admin, "admin");
        sourceTenantId = sourceTenantId == null ? Optional.empty() : sourceTenantId;
        emulator = emulator == null ? Optional.empty() : emulator;
        expectedCompanyName = expectedCompanyName == null ? Optional.empty() : expectedCompanyName;
        extensionAttribute1From = extensionAttribute1From == null ? Optional.empty() : extensionAttribute1From;
        provisioningTimeout = provisioningTimeout == null ? Duration.ofSeconds(60) : provisioningTimeout;
        policyPropagation = policyPropagation == null ? Duration.ofSeconds(60) : policyPropagation;
        afterPolicyChange = afterPolicyChange == null ? () -> { } : afterPolicyChange;
    }

    /** Only the admin connection; everything else absent or default. */
    public static CrossTenantSettings of(GraphConnection admin) {
        return new CrossTenantSettings(admin, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                null, null, null);
    }

    public CrossTenantSettings withSourceTenant(String tenantId) {
        return new CrossTenantSettings(admin, Optional.of(tenantId), emulator, expectedCompanyName,
                extensionAttribute1From, provisioningTimeout, policyPropagation, afterPolicyChange);
    }

    public CrossTenantSettings withEmulator(EmulatorControl control) {
        return new CrossTenantSettings(admin, sourceTenantId, Optional.of(control), expectedCompanyName,
                extensionAttribute1From, provisioningTimeout, policyPropagation, afterPolicyChange);
    }

    public CrossTenantSettings withExpectedCompanyName(String companyName) {
        return new CrossTenantSettings(admin, sourceTenantId, emulator, Optional.of(companyName),
                extensionAttribute1From, provisioningTimeout, policyPropagation, afterPolicyChange);
    }

    public CrossTenantSettings withExtensionAttribute1From(String scimAttribute) {
        return new CrossTenantSettings(admin, sourceTenantId, emulator, expectedCompanyName,
                Optional.of(scimAttribute), provisioningTimeout, policyPropagation, afterPolicyChange);
    }

    public CrossTenantSettings withPolicyPropagation(Duration within, Runnable after) {
        return new CrossTenantSettings(admin, sourceTenantId, emulator, expectedCompanyName,
                extensionAttribute1From, provisioningTimeout, within, after);
    }
}
