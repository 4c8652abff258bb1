/**
 * Microsoft Graph OData query options for directory objects: parsing {@code $filter}, {@code $orderby} and
 * {@code $select}, translating filters and sort orders to SQL over the directory store, and evaluating filters
 * in memory over Graph JSON for the small collections the store does not index.
 */
package io.tenantsync.emulator.odata;
