package io.tenantsync.core.provision;

import io.tenantsync.core.reconcile.SourceState;
import java.util.Objects;

/**
 * One source user as provisioning sees it: the id its link is kept under (a SCIM resource id, a source object id)
 * and its state in the source.
 */
public record SourceUser(String sourceId, SourceState state) {
    public SourceUser {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(state, "state");
    }
}
