package io.tenantsync.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The direct members of a connection's assigned groups as the job last read them. A change round carries only
 * changes, so scoping a user incrementally needs this state; kept here, it lets a restarted job go on from its
 * watermarks instead of running an initial cycle.
 *
 * <p>The saved state may be ahead of the watermarks (it is written when a round is read, the watermarks when the
 * cycle ends), never behind: a cycle that fails reads the same changes again, and applying them again changes nothing.
 * Clearing the watermarks ({@link WatermarkStore#clear}, a restart) forgets it too.
 */
public interface MembershipStore {

    /** A user that became ({@code added}) or stopped being a direct member of a group. */
    record MemberChange(String groupId, String memberId, boolean added) {}

    /**
     * Each group with its members, or empty when none was saved under {@code assignment} (which names the groups the
     * state is of) since the watermarks were last cleared.
     */
    Optional<Map<String, Set<String>>> get(ConnectionId connection, String assignment);

    /** Replaces the connection's state whole: each assigned group with its members (after an initial round). */
    void replace(ConnectionId connection, String assignment, Map<String, Set<String>> groupMembers);

    /** Applies a change round: its membership changes in order (the last for a pair wins), then the deleted groups. */
    void apply(ConnectionId connection, List<MemberChange> changes, Collection<String> deletedGroups);
}
