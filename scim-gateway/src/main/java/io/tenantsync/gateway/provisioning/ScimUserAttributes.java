package io.tenantsync.gateway.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.core.model.Attributes;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A SCIM User as the source user the mappings read: Entra's user attribute names, filled from the SCIM attributes
 * Entra's own provisioning fills them from (the inverse of its default SCIM mapping, entra-semantics §5). So a
 * connection's mappings read the same names whether users come from a tenant or from a SCIM client.
 */
final class ScimUserAttributes {
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private ScimUserAttributes() {}

    /** The key a user's link is kept under: its userName, which the gateway keeps unique per connection ignoring case. */
    static String linkKey(JsonNode user) {
        return "user:" + user.path("userName").asText().toLowerCase(Locale.ROOT);
    }

    static boolean active(JsonNode user) {
        JsonNode active = user.get("active");
        return active == null || active.isNull() || active.asBoolean(true);
    }

    /**
     * @param managerKey the link key of the user a SCIM id names, for {@code manager}
     */
    static Attributes of(JsonNode user, String resourceId, Function<String, Optional<String>> managerKey) {
        JsonNode name = user.path("name");
        JsonNode enterprise = user.path(ENTERPRISE);
        JsonNode address = typed(user.path("addresses"), "work");
        Attributes.Builder attributes = Attributes.builder()
                .put("objectId", resourceId)
                .put("netId", resourceId)
                .put("userPrincipalName", text(user.path("userName")))
                .put("mail", text(typed(user.path("emails"), "work").path("value")))
                .put("displayName", text(user.path("displayName")))
                .put("givenName", text(name.path("givenName")))
                .put("surname", text(name.path("familyName")))
                .put("mailNickname", text(user.path("nickName")))
                .put("jobTitle", text(user.path("title")))
                .put("preferredLanguage", text(user.path("preferredLanguage")))
                .put("accountEnabled", active(user))
                .put("streetAddress", text(address.path("streetAddress")))
                .put("city", text(address.path("locality")))
                .put("state", text(address.path("region")))
                .put("postalCode", text(address.path("postalCode")))
                .put("country", text(address.path("country")))
                .put("telephoneNumber", text(typed(user.path("phoneNumbers"), "work").path("value")))
                .put("mobile", text(typed(user.path("phoneNumbers"), "mobile").path("value")))
                .put("employeeId", text(enterprise.path("employeeNumber")))
                .put("department", text(enterprise.path("department")))
                .put("companyName", text(enterprise.path("organization")));
        String manager = text(enterprise.path("manager").path("value"));
        if (manager != null) {
            attributes.put("manager", managerKey.apply(manager).orElse(null));
        }
        return attributes.build();
    }

    /** The value of that type, else the primary one, else the first; a missing node when there is none. */
    private static JsonNode typed(JsonNode values, String type) {
        if (!values.isArray() || values.isEmpty()) {
            return values.path("absent");
        }
        for (JsonNode value : values) {
            if (type.equalsIgnoreCase(value.path("type").asText())) {
                return value;
            }
        }
        for (JsonNode value : values) {
            if (value.path("primary").asBoolean(false)) {
                return value;
            }
        }
        return values.get(0);
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }
}
