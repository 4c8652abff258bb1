package io.tenantsync.core.store;

/** What sync last did to, or knows of, the linked target object. */
public enum LinkState {
    /** The target object exists and sync manages it. */
    ACTIVE,
    /** Sync soft-deleted the target object; only such objects are restored when the source comes back in scope. */
    SOFT_DELETED_BY_SYNC
}
