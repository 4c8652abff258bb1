package io.tenantsync.core.scope;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which users the connection looks at before any scoping filter: all users ("Sync all users and groups") or only the
 * assigned ones ("Sync only assigned users and groups", the CTS default, Graph secret {@code SyncAll=false}).
 * entra-semantics §2.2.
 */
public sealed interface AssignmentScope {

    /** Whether the user is covered, given the groups it is a <em>direct</em> member of. */
    boolean includes(String userId, Set<String> directGroupIds);

    static AssignmentScope allUsers() {
        return new AllUsers();
    }

    static AssignmentScope assigned(Set<String> userIds, Set<String> groupIds) {
        return new Assigned(userIds, groupIds);
    }

    /** Every user of the source tenant is evaluated. */
    record AllUsers() implements AssignmentScope {
        @Override
        public boolean includes(String userId, Set<String> directGroupIds) {
            return true;
        }
    }

    /**
     * Only users assigned to the configuration: directly, or as a direct member of an assigned group. Membership does
     * not cascade: a member of a group nested in an assigned group is not covered. Object ids compare ignoring case
     * (they are GUIDs, and admins paste them in either case).
     */
    record Assigned(Set<String> userIds, Set<String> groupIds) implements AssignmentScope {

        public Assigned {
            userIds = lowerCased(userIds);
            groupIds = lowerCased(groupIds);
        }

        @Override
        public boolean includes(String userId, Set<String> directGroupIds) {
            Objects.requireNonNull(userId, "userId");
            if (userIds.contains(userId.toLowerCase(Locale.ROOT))) {
                return true;
            }
            for (String groupId : directGroupIds) {
                if (groupIds.contains(groupId.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }

        private static Set<String> lowerCased(Set<String> ids) {
            return ids.stream().map(id -> id.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }
    }
}
