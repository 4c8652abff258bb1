package io.tenantsync.gateway.provisioning;

import io.tenantsync.gateway.store.ChangeRef;

import java.util.concurrent.CompletionStage;

/**
 * Applies a committed change to the target tenant. Called after the write's transaction commits; the SCIM reply
 * waits for the returned stage up to the connection's provisioning wait, then renders the target state the store
 * holds at that moment. The processor settles the change through {@link io.tenantsync.gateway.store.Outbox}
 * (claim, then applied / failed / refused); a change it does not settle stays pending for a background retry.
 */
@FunctionalInterface
public interface ChangeProcessor {
    /** Starts applying {@code change}; must not block the caller. */
    CompletionStage<Void> process(ChangeRef change);
}
