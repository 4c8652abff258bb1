package io.tenantsync.gateway.scim;

import jakarta.ws.rs.core.MediaType;

/** The media type of every SCIM response (RFC 7644 §8.1). */
public final class ScimMediaType {
    public static final String SCIM_JSON = "application/scim+json";
    public static final MediaType SCIM_JSON_TYPE = new MediaType("application", "scim+json");

    private ScimMediaType() {}

    /** Whether a request body of this type is JSON we read: application/json, application/scim+json, any +json. */
    public static boolean readable(MediaType type) {
        if (type == null) return true;
        String subtype = type.getSubtype().toLowerCase(java.util.Locale.ROOT);
        return type.getType().equalsIgnoreCase("application") && (subtype.equals("json") || subtype.endsWith("+json"))
                || type.isWildcardType();
    }
}
