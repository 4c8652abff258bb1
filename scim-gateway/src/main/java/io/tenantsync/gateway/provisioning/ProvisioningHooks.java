package io.tenantsync.gateway.provisioning;

import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.store.Outbox;

import java.util.Objects;
import java.util.Optional;

/**
 * What the provisioning side plugs into the gateway: an admission asked before every write, a processor
 * handed every committed change, and what to close when the gateway stops (closed before the gateway's store).
 */
public record ProvisioningHooks(WriteAdmission admission, Optional<ChangeProcessor> processor, AutoCloseable resources) {
    /** No provisioning: every write admitted, changes stay pending in the outbox. */
    public static final ProvisioningHooks NONE = new ProvisioningHooks(WriteAdmission.ADMIT_ALL, Optional.empty());

    public ProvisioningHooks {
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(resources, "resources");
    }

    /** Hooks holding nothing that needs closing. */
    public ProvisioningHooks(WriteAdmission admission, Optional<ChangeProcessor> processor) {
        this(admission, processor, () -> { });
    }

    /** Builds the hooks once the gateway's store exists, so the processor can settle changes through its outbox. */
    @FunctionalInterface
    public interface Factory {
        /** No hooks. */
        Factory NONE = (outbox, config) -> ProvisioningHooks.NONE;

        ProvisioningHooks create(Outbox outbox, GatewayConfig config);
    }
}
