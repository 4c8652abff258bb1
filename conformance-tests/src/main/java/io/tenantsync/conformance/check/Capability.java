package io.tenantsync.conformance.check;

/**
 * What a check needs beyond the SCIM basics. The optional SCIM features come from {@code /ServiceProviderConfig}
 * (and {@code /ResourceTypes} for groups); the cross-tenant ones from what the suite was given.
 */
public enum Capability {
    PATCH("PATCH (ServiceProviderConfig patch.supported)"),
    BULK("Bulk (ServiceProviderConfig bulk.supported)"),
    SORT("sorting (ServiceProviderConfig sort.supported)"),
    ETAG("ETags (ServiceProviderConfig etag.supported)"),
    FILTER("filtering (ServiceProviderConfig filter.supported)"),
    GROUPS("the Group resource type (/ResourceTypes)"),
    TARGET_ADMIN("admin credentials for the target tenant's Graph (--graph-url, --authority, --tenant, --client-id, --client-secret)"),
    TARGET_CLOCK("a controllable target clock (--emulator-control-url, --emulator-control-token)"),
    SOURCE_TENANT("the source tenant id whose inbound sync policy the target holds (--source-tenant)");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
