package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.types.AttributeDefinition;
import io.tenantsync.gateway.store.ResourceType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a client sent into the canonical, client-writable form of a resource: attribute names in their schema
 * spelling, values of the schema's type (Entra's {@code "True"}/{@code "False"} strings become booleans, one-element
 * arrays of single-valued attributes are unwrapped, a manager given as a bare id becomes {@code {value}}), nulls and
 * read-only attributes dropped, and anything that cannot be made valid refused with 400 {@code invalidValue}.
 */
final class ResourceValidator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Longest string any attribute may hold; bodies are capped separately. */
    static final int MAX_STRING_LENGTH = 65_536;

    private final ScimSchemas schemas;

    ResourceValidator(ScimSchemas schemas) {
        this.schemas = schemas;
    }

    /** The canonical resource for a create or replace; {@code members} of a group stay in it for the caller to take. */
    ObjectNode canonical(ResourceType type, JsonNode input) throws BadRequestException {
        if (input == null || !input.isObject()) throw BadRequestException.invalidSyntax("the request body must be a JSON object");
        ObjectNode out = NODES.objectNode();
        Set<String> listedSchemas = new LinkedHashSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = input.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equalsIgnoreCase("schemas")) {
                listedSchemas.addAll(schemaList(value));
                continue;
            }
            if (value == null || value.isNull() || name.equalsIgnoreCase("id") || name.equalsIgnoreCase("meta")) continue;
            if (name.equalsIgnoreCase("externalId")) {
                JsonNode v = simple("externalId", value, AttributeDefinition.Type.STRING);
                if (v != null) out.set("externalId", v);
                continue;
            }
            if (name.regionMatches(true, 0, "urn:", 0, 4)) {
                urnKeyed(type, name, value, out);
                continue;
            }
            AttributeDefinition def = schemas.core(type, name).orElseThrow(() ->
                    BadRequestException.invalidValue("'" + name + "' is not an attribute of " + type.scimName()));
            put(out, def, value, def.getName());
        }
        out.set("schemas", schemaArray(type, out, listedSchemas));
        String required = type == ResourceType.USER ? "userName" : "displayName";
        JsonNode r = out.get(required);
        if (r == null || !r.isTextual() || r.textValue().isBlank()) {
            throw BadRequestException.invalidValue(type.scimName() + " needs a non-empty " + required);
        }
        return out;
    }

    private void urnKeyed(ResourceType type, String name, JsonNode value, ObjectNode out) throws BadRequestException {
        Optional<String> extension = schemas.extension(type, name);
        if (extension.isPresent()) {
            if (extension.get().equals(ScimSchemas.TARGET_STATE)) return; // read-only: ignored as RFC 7643 §7 says
            if (!value.isObject()) throw BadRequestException.invalidValue(extension.get() + " must be a JSON object");
            ObjectNode ext = out.has(extension.get()) ? (ObjectNode) out.get(extension.get()) : NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getValue() == null || f.getValue().isNull()) continue;
                AttributeDefinition def = schemas.extensionAttribute(extension.get(), f.getKey()).orElseThrow(() ->
                        BadRequestException.invalidValue("'" + f.getKey() + "' is not an attribute of " + extension.get()));
                put(ext, def, f.getValue(), extension.get() + ":" + def.getName());
            }
            if (!ext.isEmpty()) out.set(extension.get(), ext);
            return;
        }
        if (name.regionMatches(true, 0, type.schema() + ":", 0, type.schema().length() + 1)) {
            // a fully qualified core attribute, e.g. urn:ietf:params:scim:schemas:core:2.0:User:userName
            String attr = name.substring(type.schema().length() + 1);
            AttributeDefinition def = schemas.core(type, attr).orElseThrow(() ->
                    BadRequestException.invalidValue("'" + attr + "' is not an attribute of " + type.scimName()));
            put(out, def, value, def.getName());
            return;
        }
        for (String urn : schemas.extensions(type)) {
            if (name.regionMatches(true, 0, urn + ":", 0, urn.length() + 1)) {
                if (urn.equals(ScimSchemas.TARGET_STATE)) return;
                String attr = name.substring(urn.length() + 1);
                AttributeDefinition def = schemas.extensionAttribute(urn, attr).orElseThrow(() ->
                        BadRequestException.invalidValue("'" + attr + "' is not an attribute of " + urn));
                ObjectNode ext = out.has(urn) ? (ObjectNode) out.get(urn) : NODES.objectNode();
                put(ext, def, value, urn + ":" + def.getName());
                if (!ext.isEmpty()) out.set(urn, ext);
                return;
            }
        }
        // an extension we do not know (e.g. a custom Entra extension): kept exactly as sent
        out.set(name, value);
    }

    private void put(ObjectNode out, AttributeDefinition def, JsonNode value, String path) throws BadRequestException {
        if (def.getMutability() == AttributeDefinition.Mutability.READ_ONLY) return;
        if (def.getMutability() == AttributeDefinition.Mutability.WRITE_ONLY) return; // passwords are never stored
        JsonNode v = value(def, value, path);
        if (v != null) out.set(def.getName(), v);
    }

    /** A value for attribute {@code def} in canonical form, or null when it amounts to no value. */
    JsonNode value(AttributeDefinition def, JsonNode value, String path) throws BadRequestException {
        if (value == null || value.isNull()) return null;
        if (def.isMultiValued()) {
            ArrayNode array = NODES.arrayNode();
            if (value.isArray()) {
                for (JsonNode element : value) {
                    JsonNode v = single(def, element, path);
                    if (v != null) array.add(v);
                }
            } else {
                JsonNode v = single(def, value, path);
                if (v != null) array.add(v);
            }
            return array.isEmpty() ? null : array;
        }
        if (value.isArray()) {
            // some clients send single values as one-element arrays
            if (value.isEmpty()) return null;
            if (value.size() > 1) throw BadRequestException.invalidValue(path + " is single-valued but got " + value.size() + " values");
            value = value.get(0);
        }
        return single(def, value, path);
    }

    private JsonNode single(AttributeDefinition def, JsonNode value, String path) throws BadRequestException {
        if (value == null || value.isNull()) return null;
        if (def.getType() != AttributeDefinition.Type.COMPLEX) return simple(path, value, def.getType());
        if (ScimSchemas.ENTERPRISE_USER.equals(path.substring(0, Math.max(0, path.lastIndexOf(':')))) && def.getName().equals("manager")) {
            // Entra and the Microsoft validator send the manager as a bare id, and "" to remove it
            if (value.isTextual()) return value.textValue().isEmpty() ? null : NODES.objectNode().put("value", value.textValue());
            if (value.isObject() && value.path("value").isTextual() && value.path("value").textValue().isEmpty()) return null;
        }
        if (!value.isObject()) throw BadRequestException.invalidValue(path + " must be a JSON object");
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue() == null || f.getValue().isNull()) continue;
            AttributeDefinition sub = ScimSchemas.sub(def, f.getKey()).orElseThrow(() ->
                    BadRequestException.invalidValue("'" + f.getKey() + "' is not a sub-attribute of " + path));
            if (sub.getMutability() == AttributeDefinition.Mutability.READ_ONLY) continue;
            JsonNode v = sub.isMultiValued() ? value(sub, f.getValue(), path + "." + sub.getName()) : single(sub, unwrap(sub, f.getValue(), path), path + "." + sub.getName());
            if (v != null) out.set(sub.getName(), v);
        }
        return out.isEmpty() ? null : out;
    }

    private static JsonNode unwrap(AttributeDefinition def, JsonNode value, String path) throws BadRequestException {
        if (!value.isArray()) return value;
        if (value.size() > 1) throw BadRequestException.invalidValue(path + "." + def.getName() + " is single-valued");
        return value.isEmpty() ? null : value.get(0);
    }

    static JsonNode simple(String path, JsonNode value, AttributeDefinition.Type type) throws BadRequestException {
        switch (type) {
            case STRING, REFERENCE, BINARY -> {
                if (!value.isTextual()) throw BadRequestException.invalidValue(path + " must be a string");
                if (value.textValue().length() > MAX_STRING_LENGTH) {
                    throw BadRequestException.invalidValue(path + " is longer than " + MAX_STRING_LENGTH + " characters");
                }
                return value;
            }
            case BOOLEAN -> {
                if (value.isBoolean()) return value;
                if (value.isTextual()) {
                    String s = value.textValue().trim().toLowerCase(Locale.ROOT);
                    if (s.equals("true")) return BooleanNode.TRUE;
                    if (s.equals("false")) return BooleanNode.FALSE;
                }
                throw BadRequestException.invalidValue(path + " must be a boolean");
            }
            case INTEGER -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) return LongNode.valueOf(value.longValue());
                if (value.isTextual()) {
                    try {
                        return LongNode.valueOf(Long.parseLong(value.textValue().trim()));
                    } catch (NumberFormatException e) {
                        // falls through to the refusal
                    }
                }
                throw BadRequestException.invalidValue(path + " must be an integer");
            }
            case DECIMAL -> {
                if (value.isNumber()) return value;
                if (value.isTextual()) {
                    try {
                        return NODES.numberNode(new BigDecimal(value.textValue().trim()));
                    } catch (NumberFormatException e) {
                        // falls through to the refusal
                    }
                }
                throw BadRequestException.invalidValue(path + " must be a decimal number");
            }
            case DATETIME -> {
                if (value.isTextual()) {
                    try {
                        OffsetDateTime.parse(value.textValue());
                        return value;
                    } catch (DateTimeParseException e) {
                        // falls through to the refusal
                    }
                }
                throw BadRequestException.invalidValue(path + " must be an xsd:dateTime such as 2026-01-31T12:00:00Z");
            }
            default -> throw BadRequestException.invalidValue(path + " must be a JSON object");
        }
    }

    private static Set<String> schemaList(JsonNode value) throws BadRequestException {
        Set<String> urns = new LinkedHashSet<>();
        if (value == null || value.isNull()) return urns;
        if (!value.isArray()) throw BadRequestException.invalidValue("schemas must be an array of URIs");
        for (JsonNode s : value) {
            if (!s.isTextual()) throw BadRequestException.invalidValue("schemas must be an array of URIs");
            urns.add(s.textValue());
        }
        return urns;
    }

    private ArrayNode schemaArray(ResourceType type, ObjectNode resource, Set<String> listed) {
        ArrayNode array = NODES.arrayNode().add(type.schema());
        for (String urn : schemas.extensions(type)) {
            if (resource.has(urn)) array.add(urn);
        }
        for (String urn : listed) {
            // unknown URNs (e.g. Entra's ADSCIM group schema) are kept as sent; ours are listed by presence above
            boolean ours = urn.equalsIgnoreCase(type.schema()) || schemas.extension(type, urn).isPresent();
            if (!ours) array.add(TextNode.valueOf(urn));
        }
        return array;
    }

    /** The schemas array of a stored resource after a change (extensions listed by presence). */
    void refreshSchemas(ResourceType type, ObjectNode resource) {
        Set<String> listed = new LinkedHashSet<>();
        JsonNode current = resource.get("schemas");
        if (current != null && current.isArray()) current.forEach(s -> listed.add(s.asText()));
        resource.set("schemas", schemaArray(type, resource, listed));
    }
}
