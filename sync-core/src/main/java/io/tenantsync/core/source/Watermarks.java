package io.tenantsync.core.source;

import java.util.List;
import java.util.Objects;

/**
 * Where the next source round starts: the delta links Graph issued at the end of the previous round, kept verbatim
 * (they are opaque, and carry the query of the round that issued them).
 *
 * @param usersDeltaLink  the {@code users/delta} link, tracking every user of the tenant
 * @param groupsDeltaLinks the {@code groups/delta} links tracking the assigned groups' membership, one per batch of at
 *                         most 50 groups (Graph's limit on ids in a delta filter); empty when no group is assigned (or
 *                         for all users). The assigned groups are fixed by these links: assigning another group needs
 *                         an initial round, as a scope change needs a restart in Entra.
 */
public record Watermarks(String usersDeltaLink, List<String> groupsDeltaLinks) {
    public Watermarks {
        Objects.requireNonNull(usersDeltaLink, "usersDeltaLink");
        groupsDeltaLinks = List.copyOf(groupsDeltaLinks);
    }
}
