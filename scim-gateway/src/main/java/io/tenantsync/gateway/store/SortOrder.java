package io.tenantsync.gateway.store;

/** {@code sortOrder} of a search. */
public enum SortOrder { ASCENDING, DESCENDING }
