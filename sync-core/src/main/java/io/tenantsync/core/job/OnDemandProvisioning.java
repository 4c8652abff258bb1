package io.tenantsync.core.job;

import io.tenantsync.core.provision.ProvisioningOutcome;
import io.tenantsync.core.store.ProvisioningLogEntry;
import io.tenantsync.core.store.ProvisioningStep;
import java.util.List;
import java.util.Objects;

/**
 * What provisioning one user on demand did: the provisioner's outcome and the log entries it was recorded as (one per
 * decision: a restore is followed by the update it made possible), which carry the steps Entra's on-demand
 * provisioning shows.
 */
public record OnDemandProvisioning(ProvisioningOutcome outcome, List<ProvisioningLogEntry> entries) {

    public OnDemandProvisioning {
        Objects.requireNonNull(outcome, "outcome");
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("provisioning is recorded in at least one entry");
        }
    }

    /** The entry of where the user stands now: the last one. */
    public ProvisioningLogEntry result() {
        return entries.get(entries.size() - 1);
    }

    /** Import, scoping, matching and the action, with their status and details. */
    public List<ProvisioningStep> steps() {
        return result().steps();
    }
}
