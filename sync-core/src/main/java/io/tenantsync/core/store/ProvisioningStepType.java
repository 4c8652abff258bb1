package io.tenantsync.core.store;

/** Graph's {@code provisioningStepType}; on-demand provisioning shows import, scoping, matching and export. */
public enum ProvisioningStepType {
    IMPORT("import"),
    SCOPING("scoping"),
    MATCHING("matching"),
    PROCESSING("processing"),
    REFERENCE_RESOLUTION("referenceResolution"),
    EXPORT("export");

    private final String graphValue;

    ProvisioningStepType(String graphValue) {
        this.graphValue = graphValue;
    }

    public String graphValue() {
        return graphValue;
    }
}
