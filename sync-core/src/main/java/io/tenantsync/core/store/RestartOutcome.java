package io.tenantsync.core.store;

/** What a restart cleared, for the operator who asked for it. */
public record RestartOutcome(int watermarksCleared, int escrowsCleared, int linksCleared, int stagedDeletionsDropped,
                             boolean quarantineLifted, boolean deletionsApproved) {
}
