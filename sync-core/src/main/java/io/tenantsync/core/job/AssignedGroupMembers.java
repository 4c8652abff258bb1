package io.tenantsync.core.job;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The direct members of the assigned groups, as the job last read them: built from an initial round and kept current
 * with each change round's membership changes. A change round carries only changes, so scoping a user in an
 * incremental cycle needs this state.
 *
 * <p>Held in memory by the job, not in the store: a process restart has to run an initial cycle to rebuild it.
 * Mutable, and used only by the job's cycle thread (the job runs one cycle or on-demand request at a time).
 */
final class AssignedGroupMembers {

    private final Map<String, Set<String>> membersByGroup = new HashMap<>();
    private final Map<String, Set<String>> groupsByMember = new HashMap<>();

    /** The state an initial round read: each assigned group with its direct user members. */
    static AssignedGroupMembers of(Map<String, Set<String>> groupMembers) {
        AssignedGroupMembers state = new AssignedGroupMembers();
        groupMembers.forEach((group, members) -> {
            state.membersByGroup.put(group, new HashSet<>());
            members.forEach(member -> state.add(group, member));
        });
        return state;
    }

    void add(String groupId, String memberId) {
        membersByGroup.computeIfAbsent(groupId, g -> new HashSet<>()).add(memberId);
        groupsByMember.computeIfAbsent(memberId, m -> new HashSet<>()).add(groupId);
    }

    void remove(String groupId, String memberId) {
        Set<String> members = membersByGroup.get(groupId);
        if (members != null) {
            members.remove(memberId);
        }
        Set<String> groups = groupsByMember.get(memberId);
        if (groups != null) {
            groups.remove(groupId);
            if (groups.isEmpty()) {
                groupsByMember.remove(memberId);
            }
        }
    }

    /** Forgets a deleted group; returns the users that were its members, who are affected by its loss. */
    Set<String> removeGroup(String groupId) {
        Set<String> members = membersByGroup.remove(groupId);
        if (members == null) {
            return Set.of();
        }
        for (String member : Set.copyOf(members)) {
            remove(groupId, member);
        }
        return Set.copyOf(members);
    }

    /** The assigned groups the user is a direct member of. */
    Set<String> groupsOf(String userId) {
        Set<String> groups = groupsByMember.get(userId);
        return groups == null ? Set.of() : Set.copyOf(groups);
    }
}
