package io.tenantsync.core.store;

import java.util.Objects;

/**
 * One step of processing an object, as Graph's {@code provisioningStep}.
 *
 * @param name        Entra's step name, e.g. {@code EntryImport}, {@code EntrySynchronizationScoping}
 * @param description what happened, in words
 */
public record ProvisioningStep(ProvisioningStepType type, String name, ProvisioningStatus status, String description) {

    public ProvisioningStep {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(description, "description");
    }
}
