package io.tenantsync.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.AttributeChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The translation between the CTS user schema's attribute names ({@link io.tenantsync.core.mapping.UserSchema}) and a
 * SCIM 2.0 User (RFC 7643 core schema plus the enterprise extension), both ways. It follows Entra's default attribute
 * map for SCIM apps (entra-semantics §5.1), so any endpoint that takes Entra's provisioning takes this too:
 *
 * <pre>
 * displayName → displayName                givenName → name.givenName      surname → name.familyName
 * jobTitle → title                          mail → emails[type eq "work"].value
 * mailNickname → externalId (and nickName)  accountEnabled → active           preferredLanguage, userType → same
 * streetAddress, city, state, postalCode, country → addresses[type eq "work"].streetAddress, locality, region, …
 * physicalDeliveryOfficeName → addresses[type eq "other"].formatted
 * telephoneNumber, mobile, facsimileTelephoneNumber → phoneNumbers[type eq "work" | "mobile" | "fax"].value
 * department, employeeId → employeeNumber, companyName → organization, manager → manager.value (a SCIM id)
 * </pre>
 *
 * <p>{@code userName} is the invited address, set when the user is created and never changed: it is what the user is
 * found by ({@code userName eq}). {@code mailNickname} also goes to {@code nickName} because the tenantsync gateway reads
 * the mail nickname from there (RFC 7643's "casual name"). Every other CTS attribute ({@code userPrincipalName},
 * {@code showInAddressList}, {@code extensionAttribute1..15}, …) has no SCIM attribute: it is {@linkplain #supports not
 * supported}, and the endpoint derives what it needs (the tenantsync gateway derives the {@code #EXT#} UPN from
 * {@code userName}, as Graph derives it from the invited address).
 */
final class ScimTargetDirectoryAttributes {

    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** Where a CTS attribute lives in a SCIM User. */
    private sealed interface Slot {
        /** A single-valued attribute at the top level, or a sub-attribute of a complex one ({@code name.givenName}). */
        record Simple(String attribute, String sub) implements Slot {}

        /** A sub-attribute of the item of a multi-valued complex attribute with this {@code type}. */
        record Typed(String attribute, String type, String sub) implements Slot {}

        /** An attribute of the enterprise extension; {@code sub} for {@code manager.value}. */
        record Enterprise(String attribute, String sub) implements Slot {}
    }

    private static final Map<String, Slot> SLOTS = slots();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScimTargetDirectoryAttributes() {}

    private static Map<String, Slot> slots() {
        Map<String, Slot> slots = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        slots.put("displayName", new Slot.Simple("displayName", null));
        slots.put("givenName", new Slot.Simple("name", "givenName"));
        slots.put("surname", new Slot.Simple("name", "familyName"));
        slots.put("jobTitle", new Slot.Simple("title", null));
        slots.put("mailNickname", new Slot.Simple("externalId", null));
        slots.put("accountEnabled", new Slot.Simple("active", null));
        slots.put("preferredLanguage", new Slot.Simple("preferredLanguage", null));
        slots.put("userType", new Slot.Simple("userType", null));
        slots.put("mail", new Slot.Typed("emails", "work", "value"));
        slots.put("streetAddress", new Slot.Typed("addresses", "work", "streetAddress"));
        slots.put("city", new Slot.Typed("addresses", "work", "locality"));
        slots.put("state", new Slot.Typed("addresses", "work", "region"));
        slots.put("postalCode", new Slot.Typed("addresses", "work", "postalCode"));
        slots.put("country", new Slot.Typed("addresses", "work", "country"));
        slots.put("physicalDeliveryOfficeName", new Slot.Typed("addresses", "other", "formatted"));
        slots.put("telephoneNumber", new Slot.Typed("phoneNumbers", "work", "value"));
        slots.put("mobile", new Slot.Typed("phoneNumbers", "mobile", "value"));
        slots.put("facsimileTelephoneNumber", new Slot.Typed("phoneNumbers", "fax", "value"));
        slots.put("department", new Slot.Enterprise("department", null));
        slots.put("employeeId", new Slot.Enterprise("employeeNumber", null));
        slots.put("companyName", new Slot.Enterprise("organization", null));
        slots.put("manager", new Slot.Enterprise("manager", "value"));
        return slots;
    }

    /** Whether the CTS attribute has a place in a SCIM User (names compare ignoring case). */
    static boolean supports(String ctsName) {
        return SLOTS.containsKey(ctsName);
    }

    /** The CTS names this translation carries, in their canonical spelling. */
    static Set<String> supported() {
        return Set.copyOf(SLOTS.keySet());
    }

    /**
     * The body of {@code POST /Users}: the invited address as {@code userName}, the user type, and each supported
     * attribute; unsupported ones are left out. {@code active} is true unless {@code accountEnabled} says otherwise.
     */
    static ObjectNode userForCreate(String invitedEmail, String userType, Attributes attributes) {
        ObjectNode user = NODES.objectNode();
        ArrayNode schemas = user.putArray("schemas").add(CORE_USER);
        user.put("userName", invitedEmail);
        user.put("active", true);
        if (userType != null) {
            user.put("userType", userType);
        }
        for (String name : attributes.names()) {
            Slot slot = SLOTS.get(name);
            Object value = attributes.get(name);
            if (slot == null || value == null) {
                continue;
            }
            JsonNode json = json(name, value);
            if (slot instanceof Slot.Simple simple) {
                if (simple.sub() == null) {
                    user.set(simple.attribute(), json);
                } else {
                    object(user, simple.attribute()).set(simple.sub(), json);
                }
                if ("externalId".equals(simple.attribute())) {
                    user.set("nickName", json);
                }
            } else if (slot instanceof Slot.Typed typed) {
                typedItem(array(user, typed.attribute()), typed.type()).set(typed.sub(), json);
            } else if (slot instanceof Slot.Enterprise enterprise) {
                ObjectNode extension = object(user, ENTERPRISE);
                if (enterprise.sub() == null) {
                    extension.set(enterprise.attribute(), json);
                } else {
                    extension.putObject(enterprise.attribute()).set(enterprise.sub(), json);
                }
            }
        }
        if (user.has(ENTERPRISE)) {
            schemas.add(ENTERPRISE);
        }
        return user;
    }

    /**
     * The {@code PATCH} body for the changes, as Entra's provisioning writes it: {@code add} where there was no value,
     * {@code replace} where one changes, {@code remove} where it is cleared. Unsupported attributes are left out;
     * empty when nothing supported changes.
     */
    static Optional<ObjectNode> patchFor(List<AttributeChange> changes) {
        ArrayNode operations = NODES.arrayNode();
        for (AttributeChange change : changes) {
            Slot slot = SLOTS.get(change.name());
            if (slot == null) {
                continue;
            }
            for (String path : paths(slot)) {
                operations.add(operation(change, path, slot));
            }
        }
        if (operations.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode patch = NODES.objectNode();
        patch.putArray("schemas").add(PATCH_OP);
        patch.set("Operations", operations);
        return Optional.of(patch);
    }

    /** A one-operation {@code PATCH} body. */
    static ObjectNode patch(String op, String path, JsonNode value) {
        ObjectNode patch = NODES.objectNode();
        patch.putArray("schemas").add(PATCH_OP);
        ObjectNode operation = patch.putArray("Operations").addObject().put("op", op);
        if (path != null) {
            operation.put("path", path);
        }
        if (value != null) {
            operation.set("value", value);
        }
        return patch;
    }

    private static List<String> paths(Slot slot) {
        if (slot instanceof Slot.Simple simple) {
            return simple.sub() != null ? List.of(simple.attribute() + "." + simple.sub())
                    : "externalId".equals(simple.attribute()) ? List.of("externalId", "nickName")
                    : List.of(simple.attribute());
        }
        if (slot instanceof Slot.Typed typed) {
            return List.of(typed.attribute() + "[type eq \"" + typed.type() + "\"]." + typed.sub());
        }
        // the manager is replaced as a whole ({"value": id}); other enterprise attributes by their own path
        return List.of(ENTERPRISE + ":" + ((Slot.Enterprise) slot).attribute());
    }

    private static ObjectNode operation(AttributeChange change, String path, Slot slot) {
        ObjectNode operation = NODES.objectNode();
        if (change.clears()) {
            return operation.put("op", "remove").put("path", path);
        }
        operation.put("op", change.oldValue() == null ? "add" : "replace").put("path", path);
        JsonNode value = json(change.name(), change.newValue());
        if (slot instanceof Slot.Enterprise enterprise && enterprise.sub() != null) {
            operation.putObject("value").set(enterprise.sub(), value);
        } else {
            operation.set("value", value);
        }
        return operation;
    }

    /**
     * The SCIM User as CTS attributes: each supported attribute that has a value, plus {@code otherMails} holding the
     * invited address ({@code userName}), as a B2B user has it in Graph. {@code accountEnabled} is always there (an
     * endpoint that omits {@code active} means an active user).
     */
    static Attributes read(JsonNode user) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Slot> entry : SLOTS.entrySet()) {
            JsonNode node = node(user, entry.getValue());
            Object value = plain(node);
            if (value != null) {
                values.put(entry.getKey(), value);
            }
        }
        values.put("accountEnabled", active(user));
        String userName = text(user.path("userName"));
        if (userName != null) {
            values.put("otherMails", List.of(userName));
        }
        return Attributes.of(values);
    }

    private static JsonNode node(JsonNode user, Slot slot) {
        if (slot instanceof Slot.Simple simple) {
            return simple.sub() == null ? user.path(simple.attribute()) : user.path(simple.attribute()).path(simple.sub());
        }
        if (slot instanceof Slot.Typed typed) {
            return typedValue(user.path(typed.attribute()), typed.type()).path(typed.sub());
        }
        Slot.Enterprise enterprise = (Slot.Enterprise) slot;
        JsonNode attribute = user.path(ENTERPRISE).path(enterprise.attribute());
        return enterprise.sub() == null ? attribute : attribute.path(enterprise.sub());
    }

    /** SCIM's {@code active}: absent or null means active; {@code "False"} (Entra's string form) means not. */
    static boolean active(JsonNode user) {
        JsonNode active = user.path("active");
        if (active.isBoolean()) {
            return active.booleanValue();
        }
        return !(active.isTextual() && "false".equalsIgnoreCase(active.textValue()));
    }

    /** The item of a multi-valued attribute with this type; missing when there is none. */
    private static JsonNode typedValue(JsonNode values, String type) {
        if (!values.isArray()) {
            return values.path("absent");
        }
        for (JsonNode value : values) {
            if (type.equalsIgnoreCase(value.path("type").asText())) {
                return value;
            }
        }
        return values.path("absent");
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
    }

    private static ArrayNode array(ObjectNode parent, String name) {
        return parent.get(name) instanceof ArrayNode existing ? existing : parent.putArray(name);
    }

    /** The item of this type in the array, added when missing; the first item of an array is the primary one. */
    private static ObjectNode typedItem(ArrayNode items, String type) {
        for (JsonNode item : items) {
            if (type.equals(item.path("type").asText())) {
                return (ObjectNode) item;
            }
        }
        ObjectNode item = items.addObject().put("type", type);
        if (items.size() == 1) {
            item.put("primary", true);
        }
        return item;
    }

    private static JsonNode json(String name, Object value) {
        if ("accountEnabled".equalsIgnoreCase(name)) {
            return NODES.booleanNode(value instanceof Boolean b ? b : !"false".equalsIgnoreCase(Attributes.text(value)));
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? NODES.nullNode() : NODES.textNode(Attributes.text(list.get(0)));
        }
        return NODES.textNode(Attributes.text(value));
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isValueNode()) {
            String text = node.asText();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }
}
