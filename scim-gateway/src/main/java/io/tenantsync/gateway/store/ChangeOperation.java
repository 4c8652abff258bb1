package io.tenantsync.gateway.store;

/** What a pending change asks of the target tenant. */
public enum ChangeOperation {
    /** Create the target object, or bring it in line with the resource (including re-activation and restore). */
    UPSERT,
    /** The resource became {@code active=false}: apply the connection's deactivation option. */
    DEACTIVATE,
    /** The resource was deleted: apply the connection's deletion option. */
    DELETE
}
