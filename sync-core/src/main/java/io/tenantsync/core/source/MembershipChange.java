package io.tenantsync.core.source;

import java.util.Objects;

/**
 * A user became, or stopped being, a direct member of an assigned group.
 *
 * @param groupId  the assigned group
 * @param memberId the user
 * @param added    true when the user joined the group, false when it left (also when it was deleted)
 */
public record MembershipChange(String groupId, String memberId, boolean added) {
    public MembershipChange {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }
}
