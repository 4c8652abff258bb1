package io.tenantsync.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.graph.models.OnPremisesExtensionAttributes;
import com.microsoft.graph.models.User;
import io.tenantsync.core.mapping.AttributeType;
import io.tenantsync.core.mapping.UserSchema;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.TargetState.Origin;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The translation between the CTS user schema's attribute names and values ({@link UserSchema}) and Graph's user
 * properties, both ways.
 *
 * <ul>
 *   <li>Most names are Graph's own. The Entra connector's older names map to Graph's: {@code mobile} →
 *       {@code mobilePhone}, {@code physicalDeliveryOfficeName} → {@code officeLocation},
 *       {@code facsimileTelephoneNumber} → {@code faxNumber}, {@code telephoneNumber} → the single value of
 *       {@code businessPhones}.</li>
 *   <li>{@code extensionAttribute1..15} are members of {@code onPremisesExtensionAttributes}.</li>
 *   <li>{@code manager} is a reference, written through {@code /manager/$ref}; its value is the manager's target
 *       object id.</li>
 *   <li>{@code alternativeSecurityIds} (CTS's linking key; tenantsync keeps links in its own store) and the computed
 *       {@code IsSoftDeleted} have no writable Graph property and are never written.</li>
 *   <li>Values are typed per {@link UserSchema}: booleans as JSON booleans (Entra's text {@code "True"} included),
 *       collections as arrays, date-times as ISO 8601 text. Read date-times are ISO instants in UTC, as mappings
 *       produce them, so equal values compare equal.</li>
 * </ul>
 */
final class GraphUserAttributes {

    static final String MANAGER = "manager";
    static final String USER_PRINCIPAL_NAME = "userPrincipalName";
    private static final String EXTENSION_ATTRIBUTES = "onPremisesExtensionAttributes";
    private static final String TELEPHONE_NUMBER = "telephoneNumber";
    private static final String BUSINESS_PHONES = "businessPhones";

    /** CTS names whose Graph property has another name; the rest are Graph's own. */
    private static final Map<String, String> RENAMED = caseInsensitive(Map.of(
            "mobile", "mobilePhone",
            "physicalDeliveryOfficeName", "officeLocation",
            "facsimileTelephoneNumber", "faxNumber"));

    private static final Set<String> NEVER_WRITTEN = Set.of("alternativesecurityids", "issoftdeleted");

    /** Graph properties read into {@link Attributes}, under the same names (before the renames above). */
    private static final List<String> READ = List.of("accountEnabled", "ageGroup", "businessPhones", "city",
            "companyName", "country", "department", "displayName", "employeeHireDate", "employeeId",
            "employeeType", "givenName", "jobTitle", "mail", "mailNickname", "mobilePhone", "officeLocation",
            "otherMails", "passwordPolicies", "postalCode", "preferredLanguage", "showInAddressList", "state",
            "streetAddress", "surname", "usageLocation", "userPrincipalName", "userType", "creationType",
            "externalUserState");

    /** What a read asks Graph for: the properties above, the extension attributes, and the id. */
    static final String[] SELECT = selectList();

    private final UserSchema schema;

    GraphUserAttributes(UserSchema schema) {
        this.schema = schema;
    }

    /**
     * The user's attributes under CTS names. {@code telephoneNumber} is the first business phone; {@code manager}, when
     * the user was read with it expanded, the manager's object id.
     */
    Attributes read(User user) {
        Map<String, Object> values = new LinkedHashMap<>();
        var store = user.getBackingStore();
        for (String property : READ) {
            values.put(property, plain(store.get(property)));
        }
        List<String> phones = user.getBusinessPhones();
        values.put(TELEPHONE_NUMBER, phones == null || phones.isEmpty() ? null : phones.get(0));
        OnPremisesExtensionAttributes extensions = user.getOnPremisesExtensionAttributes();
        if (extensions != null) {
            for (int i = 1; i <= 15; i++) {
                values.put("extensionAttribute" + i, plain(extensions.getBackingStore().get("extensionAttribute" + i)));
            }
        }
        if (user.getManager() != null) {
            values.put(MANAGER, user.getManager().getId());
        }
        user.getAdditionalData().forEach((name, value) -> {
            if (isDirectoryExtension(name) && (value instanceof String || value instanceof Boolean)) {
                values.put(name, value);
            }
        });
        return Attributes.of(values);
    }

    /**
     * Whether the user is a B2B collaboration user. Any one sign is enough: {@code creationType} {@code Invitation}
     * (invited users), a set {@code externalUserState} (also internal users converted to external, whose creation
     * type stays null), or {@code #EXT#} in the UPN (which survives the tombstone rewrite of a soft-deleted user).
     */
    static Origin origin(User user) {
        boolean invited = "Invitation".equalsIgnoreCase(user.getCreationType());
        boolean redeemable = user.getExternalUserState() != null && !user.getExternalUserState().isBlank();
        String upn = user.getUserPrincipalName();
        boolean externalUpn = upn != null && upn.toUpperCase(Locale.ROOT).contains("#EXT#");
        return invited || redeemable || externalUpn ? Origin.EXTERNAL : Origin.INTERNAL;
    }

    /**
     * The PATCH body for the changes, manager and never-written attributes left out; empty when nothing is left.
     *
     * @param externalUpn turns a written UPN into the target's {@code #EXT#} form
     */
    ObjectNode patchBody(List<AttributeChange> changes, UnaryOperator<String> externalUpn) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (AttributeChange change : changes) {
            String name = change.name();
            if (isManager(name) || NEVER_WRITTEN.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Object value = change.newValue();
            if (name.equalsIgnoreCase(USER_PRINCIPAL_NAME) && value != null) {
                value = externalUpn.apply(Attributes.text(value));
            }
            if (name.toLowerCase(Locale.ROOT).startsWith("extensionattribute")) {
                ObjectNode extensions = body.has(EXTENSION_ATTRIBUTES)
                        ? (ObjectNode) body.get(EXTENSION_ATTRIBUTES) : body.putObject(EXTENSION_ATTRIBUTES);
                extensions.set(canonicalExtensionAttribute(name), json(value, AttributeType.STRING));
            } else if (name.equalsIgnoreCase(TELEPHONE_NUMBER)) {
                ArrayNode phones = body.putArray(BUSINESS_PHONES);
                if (value != null) {
                    phones.add(Attributes.text(value));
                }
            } else {
                body.set(graphName(name), json(value, schema.typeOf(name)));
            }
        }
        return body;
    }

    static boolean isManager(String name) {
        return MANAGER.equalsIgnoreCase(name);
    }

    /** The change of the manager reference among the changes, if there is one. */
    static AttributeChange managerChange(List<AttributeChange> changes) {
        AttributeChange found = null;
        for (AttributeChange change : changes) {
            if (isManager(change.name())) {
                found = change;
            }
        }
        return found;
    }

    private String graphName(String name) {
        String renamed = RENAMED.get(name);
        return renamed != null ? renamed : name;
    }

    private static String canonicalExtensionAttribute(String name) {
        String number = name.substring("extensionAttribute".length());
        try {
            int n = Integer.parseInt(number);
            if (n >= 1 && n <= 15) {
                return "extensionAttribute" + n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException("'" + name + "' is not one of extensionAttribute1..15");
    }

    private static JsonNode json(Object value, AttributeType type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        return switch (type) {
            case BOOLEAN -> value instanceof Boolean b ? f.booleanNode(b)
                    : "true".equalsIgnoreCase(Attributes.text(value)) ? f.booleanNode(true)
                    : "false".equalsIgnoreCase(Attributes.text(value)) ? f.booleanNode(false)
                    : f.textNode(Attributes.text(value)); // Graph refuses it, with its own message
            case STRING_COLLECTION -> {
                ArrayNode array = f.arrayNode();
                if (value instanceof List<?> list) {
                    list.forEach(item -> array.add(Attributes.text(item)));
                } else {
                    array.add(Attributes.text(value));
                }
                yield array;
            }
            case UNTYPED -> value instanceof Boolean b ? f.booleanNode(b)
                    : value instanceof Long n ? f.numberNode(n)
                    : value instanceof List<?> list ? stringArray(list) : f.textNode(Attributes.text(value));
            case STRING, DATE_TIME, REFERENCE -> f.textNode(Attributes.text(value));
        };
    }

    private static ArrayNode stringArray(List<?> list) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        list.forEach(item -> array.add(Attributes.text(item)));
        return array;
    }

    /** SDK values as {@link Attributes} holds them: date-times as UTC instants, lists copied, enums as text. */
    private static Object plain(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer) {
            return value;
        }
        return value.toString();
    }

    private static boolean isDirectoryExtension(String name) {
        return name.startsWith("extension_") && name.indexOf('_', "extension_".length()) > 0;
    }

    private static String[] selectList() {
        List<String> select = new ArrayList<>(READ);
        select.add("id");
        select.add(EXTENSION_ATTRIBUTES);
        return select.toArray(String[]::new);
    }

    private static Map<String, String> caseInsensitive(Map<String, String> map) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(map);
        return copy;
    }
}
