package io.tenantsync.gateway.store;

import java.util.Optional;

/** The SCIM resource types the gateway serves. */
public enum ResourceType {
    USER("User", "Users", "urn:ietf:params:scim:schemas:core:2.0:User"),
    GROUP("Group", "Groups", "urn:ietf:params:scim:schemas:core:2.0:Group");

    private final String scimName;
    private final String endpoint;
    private final String schema;

    ResourceType(String scimName, String endpoint, String schema) {
        this.scimName = scimName;
        this.endpoint = endpoint;
        this.schema = schema;
    }

    /** The name in {@code meta.resourceType} and {@code /ResourceTypes}, e.g. {@code User}. */
    public String scimName() { return scimName; }

    /** The path segment under the base URI, e.g. {@code Users}. */
    public String endpoint() { return endpoint; }

    /** The core schema URN. */
    public String schema() { return schema; }

    /** The type served at {@code endpoint} (case-insensitive), if any. */
    public static Optional<ResourceType> ofEndpoint(String endpoint) {
        for (ResourceType t : values()) if (t.endpoint.equalsIgnoreCase(endpoint)) return Optional.of(t);
        return Optional.empty();
    }

    /** The type named {@code scimName} (case-insensitive), if any. */
    public static Optional<ResourceType> ofScimName(String scimName) {
        for (ResourceType t : values()) if (t.scimName.equalsIgnoreCase(scimName)) return Optional.of(t);
        return Optional.empty();
    }
}
