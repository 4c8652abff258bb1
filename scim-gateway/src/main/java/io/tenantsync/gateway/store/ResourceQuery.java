package io.tenantsync.gateway.store;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;

import java.util.Optional;

/**
 * One search over a connection's resources.
 *
 * @param type       the resource type, or empty for a search at the root across all types
 * @param startIndex 1-based index of the first result
 * @param count      page size, already capped; 0 asks for the total only
 */
public record ResourceQuery(String connectionId, Optional<ResourceType> type, Optional<Filter> filter, Optional<Path> sortBy,
                            SortOrder sortOrder, int startIndex, int count) {}
