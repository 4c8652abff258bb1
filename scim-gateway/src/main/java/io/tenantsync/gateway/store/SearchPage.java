package io.tenantsync.gateway.store;

import java.util.List;

/** One page of search results and how many resources matched in total. */
public record SearchPage(int totalResults, List<StoredResource> resources) {}
