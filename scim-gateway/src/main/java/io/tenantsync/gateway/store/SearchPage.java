package io.tenantsync.gateway.store;

import java.util.List;
import java.util.Map;

/**
 * One page of search results and how many resources matched in total.
 *
 * @param targetStates the target state of page resources, by id, where the page query read it along (else look it up)
 */
public record SearchPage(int totalResults, List<StoredResource> resources, Map<String, TargetState> targetStates) {}
