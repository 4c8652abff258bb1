package io.tenantsync.core.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one source round read.
 *
 * @param users             initial round: every candidate user, live; next round: every user created, changed or
 *                          removed since the watermarks, once each with its latest state
 * @param groupMembers      initial round only: each assigned group that exists, by id, with the ids of the users that
 *                          are its direct members (nested groups and their members left out); empty in a next round
 * @param membershipChanges next round only: direct members added to or removed from the assigned groups, one per
 *                          group and user with the latest kind; empty in an initial round
 * @param deletedGroupIds   next round only: assigned groups deleted in the source; every member they had leaves them
 * @param next              the watermarks for the round after this one
 */
public record SourceRound(List<SourceUserRecord> users, Map<String, Set<String>> groupMembers,
                          List<MembershipChange> membershipChanges, Set<String> deletedGroupIds, Watermarks next) {
    public SourceRound {
        users = List.copyOf(users);
        Map<String, Set<String>> members = new HashMap<>();
        groupMembers.forEach((group, ids) -> members.put(group, Set.copyOf(ids)));
        groupMembers = Map.copyOf(members);
        membershipChanges = List.copyOf(membershipChanges);
        deletedGroupIds = Set.copyOf(deletedGroupIds);
        Objects.requireNonNull(next, "next");
    }

    /** Whether the round found nothing: no user and no membership change. */
    public boolean isEmpty() {
        return users.isEmpty() && groupMembers.isEmpty() && membershipChanges.isEmpty() && deletedGroupIds.isEmpty();
    }
}
