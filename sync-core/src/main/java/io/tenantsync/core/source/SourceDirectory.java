package io.tenantsync.core.source;

import io.tenantsync.core.scope.AssignmentScope;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant users are synchronised from, read in rounds: one initial round, then rounds of changes since the
 * previous round's {@link Watermarks}. Failures of the directory surface as
 * {@link io.tenantsync.core.target.TargetDirectoryException} (the same classification serves source and target);
 * watermarks the directory no longer honours surface as {@link ResyncRequiredException}.
 */
public interface SourceDirectory {

    /**
     * Every candidate user of the scope with its attributes, the direct members of each assigned group, and the
     * watermarks the next round starts from.
     *
     * <p>Candidates are every user of the tenant for {@link AssignmentScope.AllUsers}; for
     * {@link AssignmentScope.Assigned}, the assigned users and the direct members of the assigned groups (members
     * of nested groups are not candidates: assignment does not cascade). Soft-deleted users are not read.
     * Changes made while the round runs may be read again by the next round; none is lost.
     *
     * @throws ResyncRequiredException when the directory abandoned the round (a page token expired mid-round); start
     *                                 it again
     */
    SourceRound initialRound(AssignmentScope scope);

    /**
     * What changed since the watermarks: users created, changed, soft-deleted or permanently deleted anywhere in the
     * tenant (a change round cannot tell candidates apart without the membership state the caller keeps), member
     * additions and removals of the assigned groups the watermarks track, and assigned groups that were deleted.
     *
     * @throws ResyncRequiredException when a watermark expired or is invalid; run {@link #initialRound} instead
     */
    SourceRound nextRound(Watermarks watermarks);

    /**
     * One user as the directory has it now: live, or soft-deleted (in the recycle bin, {@link SourceUserRecord.Removal#SOFT_DELETED});
     * empty when it is permanently deleted or never existed. For a user that joined an assigned group but whose own
     * attributes did not change, so no change round carried them.
     */
    Optional<SourceUserRecord> user(String id);

    /**
     * {@link #user} for several users, read together (a bulk group add affects thousands, and one request per user
     * made reading them cost more than provisioning them). Every id given is a key of the answer, mapped to what
     * {@link #user} would return for it.
     */
    Map<String, Optional<SourceUserRecord>> users(Collection<String> ids);

    /** How many users {@link #users} reads in one request: callers split big reads into parts of this size. */
    int usersPerRead();
}
