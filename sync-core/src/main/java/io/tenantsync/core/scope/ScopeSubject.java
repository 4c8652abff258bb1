package io.tenantsync.core.scope;

import io.tenantsync.core.model.Attributes;
import java.util.Objects;
import java.util.Set;

/**
 * A source user as scoping sees it: its object id, the ids of the groups it is a direct member of (not transitive:
 * assignment through groups does not cascade), and its source attributes.
 */
public record ScopeSubject(String userId, Set<String> directGroupIds, Attributes attributes) {

    public ScopeSubject {
        Objects.requireNonNull(userId, "userId");
        directGroupIds = Set.copyOf(directGroupIds);
        Objects.requireNonNull(attributes, "attributes");
    }
}
