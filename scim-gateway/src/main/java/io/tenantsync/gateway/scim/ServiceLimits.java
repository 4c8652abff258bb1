package io.tenantsync.gateway.scim;

/**
 * The limits the gateway advertises in {@code /ServiceProviderConfig} and enforces.
 *
 * @param maxResults        page size cap of every list and search ({@code filter.maxResults})
 * @param bulkMaxOperations operations per Bulk request
 * @param maxPayloadBytes   largest request body, Bulk included ({@code bulk.maxPayloadSize})
 */
public record ServiceLimits(int maxResults, int bulkMaxOperations, int maxPayloadBytes) {
    public static final ServiceLimits DEFAULTS = new ServiceLimits(200, 1000, 4 * 1024 * 1024);
}
