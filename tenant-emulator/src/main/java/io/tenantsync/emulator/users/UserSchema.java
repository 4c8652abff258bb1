package io.tenantsync.emulator.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The user properties the emulator stores, their JSON types and limits, and which of them clients may write.
 * Bodies are checked against it before anything is stored, so a bad property never half-applies.
 */
public final class UserSchema {
    /** JSON shapes a property may take. */
    public enum Type { STRING, BOOLEAN, STRING_LIST, PASSWORD_PROFILE, EXTENSION_ATTRIBUTES, IDENTITIES, OBJECT, DATETIME }

    /** A property: type, maximum string length, and whether clients may set it. */
    public record Property(String name, Type type, int maxLength, boolean writable) {}

    private static final Map<String, Property> PROPERTIES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private static void add(String name, Type type, int maxLength, boolean writable) {
        PROPERTIES.put(name, new Property(name, type, maxLength, writable));
    }

    static {
        add("id", Type.STRING, 36, false);
        add("accountEnabled", Type.BOOLEAN, 0, true);
        add("displayName", Type.STRING, 256, true);
        add("givenName", Type.STRING, 64, true);
        add("surname", Type.STRING, 64, true);
        add("mail", Type.STRING, 320, true);
        add("mailNickname", Type.STRING, 64, true);
        add("userPrincipalName", Type.STRING, 113 + 1 + 256, true);
        add("jobTitle", Type.STRING, 128, true);
        add("department", Type.STRING, 64, true);
        add("companyName", Type.STRING, 64, true);
        add("employeeId", Type.STRING, 16, true);
        add("employeeType", Type.STRING, 64, true);
        add("employeeHireDate", Type.DATETIME, 0, true);
        add("officeLocation", Type.STRING, 128, true);
        add("mobilePhone", Type.STRING, 64, true);
        add("businessPhones", Type.STRING_LIST, 64, true);
        add("preferredLanguage", Type.STRING, 16, true);
        add("usageLocation", Type.STRING, 2, true);
        add("city", Type.STRING, 128, true);
        add("state", Type.STRING, 128, true);
        add("country", Type.STRING, 128, true);
        add("streetAddress", Type.STRING, 1024, true);
        add("postalCode", Type.STRING, 40, true);
        add("userType", Type.STRING, 16, true);
        add("ageGroup", Type.STRING, 16, true);
        add("showInAddressList", Type.BOOLEAN, 0, true);
        add("otherMails", Type.STRING_LIST, 320, true);
        add("onPremisesImmutableId", Type.STRING, 256, true);
        add("onPremisesExtensionAttributes", Type.EXTENSION_ATTRIBUTES, 1024, true);
        add("passwordProfile", Type.PASSWORD_PROFILE, 256, true);
        add("passwordPolicies", Type.STRING, 256, true);
        add("identities", Type.IDENTITIES, 256, true);
        add("employeeOrgData", Type.OBJECT, 0, true);
        // set by the directory, never by clients
        add("createdDateTime", Type.DATETIME, 0, false);
        add("deletedDateTime", Type.DATETIME, 0, false);
        add("creationType", Type.STRING, 64, false);
        add("externalUserState", Type.STRING, 64, false);
        add("externalUserStateChangeDateTime", Type.DATETIME, 0, false);
        add("proxyAddresses", Type.STRING_LIST, 1024, false);
        add("onPremisesSyncEnabled", Type.BOOLEAN, 0, false);
    }

    /** What {@code GET /users} returns when there is no {@code $select}. */
    public static final List<String> DEFAULT_SELECT = List.of("businessPhones", "displayName", "givenName", "id", "jobTitle",
            "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName");

    /** Properties never returned (write-only). */
    public static final Set<String> NEVER_RETURNED = Set.of("passwordProfile");

    private UserSchema() {}

    /** The canonical property for a name (case-insensitive), if the user type has it. */
    public static Property property(String name) {
        return PROPERTIES.get(name);
    }

    /** All property names in canonical spelling. */
    public static Set<String> names() {
        return PROPERTIES.keySet();
    }

    /**
     * Checks a create or update body and returns it with canonical property names. Annotations ({@code @odata.type})
     * are dropped. Unknown or read-only properties, wrong types and oversize values are 400s.
     */
    public static ObjectNode validate(ObjectNode body) {
        GraphJson.requireType(body, "microsoft.graph.user");
        ObjectNode clean = body.objectNode();
        var fields = body.properties().iterator();
        while (fields.hasNext()) {
            var f = fields.next();
            String name = f.getKey();
            if (name.startsWith("@odata.")) continue;
            Property p = PROPERTIES.get(name);
            if (p == null) {
                throw GraphException.badRequest("Property '" + name + "' does not exist as a declared property or extension property.");
            }
            if (!p.writable()) {
                throw GraphException.badRequest("Property '" + p.name() + "' is read-only and cannot be set.");
            }
            checkType(p, f.getValue());
            clean.set(p.name(), f.getValue());
        }
        return clean;
    }

    private static void checkType(Property p, JsonNode v) {
        if (v.isNull()) {
            if (p.name().equals("accountEnabled")) throw invalid(p);
            return;
        }
        switch (p.type()) {
            case STRING -> {
                if (!v.isTextual() || v.asText().length() > p.maxLength()) throw invalid(p);
            }
            case DATETIME -> {
                if (!v.isTextual()) throw invalid(p);
                try {
                    java.time.OffsetDateTime.parse(v.asText());
                } catch (java.time.format.DateTimeParseException e) {
                    throw invalid(p);
                }
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) throw invalid(p);
            }
            case STRING_LIST -> {
                if (!v.isArray() || v.size() > 250) throw invalid(p);
                for (JsonNode e : v) if (!e.isTextual() || e.asText().length() > p.maxLength()) throw invalid(p);
            }
            case PASSWORD_PROFILE -> {
                if (!v.isObject()) throw invalid(p);
                v.properties().forEach(e -> {
                    switch (e.getKey()) {
                        case "password" -> {
                            if (!e.getValue().isTextual() && !e.getValue().isNull()) throw invalid(p);
                        }
                        case "forceChangePasswordNextSignIn", "forceChangePasswordNextSignInWithMfa" -> {
                            if (!e.getValue().isBoolean() && !e.getValue().isNull()) throw invalid(p);
                        }
                        default -> {
                            if (!e.getKey().startsWith("@odata.")) throw invalid(p);
                        }
                    }
                });
            }
            case EXTENSION_ATTRIBUTES -> {
                if (!v.isObject()) throw invalid(p);
                v.properties().forEach(e -> {
                    if (e.getKey().startsWith("@odata.")) return;
                    if (!e.getKey().matches("extensionAttribute([1-9]|1[0-5])")) throw invalid(p);
                    JsonNode x = e.getValue();
                    if (!x.isNull() && (!x.isTextual() || x.asText().length() > p.maxLength())) throw invalid(p);
                });
            }
            case IDENTITIES -> {
                if (!v.isArray()) throw invalid(p);
                for (JsonNode e : v) {
                    if (!e.isObject()) throw invalid(p);
                    e.properties().forEach(x -> {
                        if (x.getKey().startsWith("@odata.")) return;
                        if (!Set.of("signInType", "issuer", "issuerAssignedId").contains(x.getKey())) throw invalid(p);
                        if (!x.getValue().isTextual() && !x.getValue().isNull()) throw invalid(p);
                    });
                }
            }
            case OBJECT -> {
                if (!v.isObject()) throw invalid(p);
                v.properties().forEach(x -> {
                    if (!x.getValue().isValueNode()) throw invalid(p);
                });
            }
        }
    }

    private static GraphException invalid(Property p) {
        return GraphException.badRequest("Invalid value specified for property '" + p.name() + "' of resource 'User'.");
    }
}
