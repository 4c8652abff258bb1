package io.tenantsync.core.store;

/** Whether a cycle read everything in scope or only the changes since the watermark. */
public enum CycleKind {
    INITIAL,
    INCREMENTAL
}
