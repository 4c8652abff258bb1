package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.gateway.store.Member;
import io.tenantsync.gateway.store.ResourceType;
import io.tenantsync.gateway.store.StoredResource;
import io.tenantsync.gateway.store.TargetState;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a stored resource for a response: absolute {@code meta.location} from the request's base URI, members
 * of groups from the membership table, the target-state extension, and the requested attribute selection.
 */
final class ResourceRenderer {
    private final ObjectMapper json;

    ResourceRenderer(ObjectMapper json) {
        this.json = json;
    }

    /** The location of a resource under a base URI ending in '/'. */
    static String location(URI base, ResourceType type, String id) {
        return base + type.endpoint() + "/" + id;
    }

    ObjectNode render(URI base, StoredResource r, Optional<List<Member>> members, TargetState target, AttributeSelection selection) {
        ObjectNode doc = parse(r.body());
        if (members.isPresent()) {
            ArrayNode array = doc.putArray("members");
            for (Member m : members.get()) {
                ObjectNode o = array.addObject();
                o.put("value", m.value());
                if (m.display() != null) o.put("display", m.display());
                o.put("type", m.type().scimName());
                o.put("$ref", location(base, m.type(), m.value()));
            }
        }
        ObjectNode ext = doc.putObject(ScimSchemas.TARGET_STATE);
        ext.put("state", target.status().wireName());
        target.targetObjectId().ifPresent(id -> ext.put("targetObjectId", id));
        target.lastAttempt().ifPresent(t -> ext.put("lastAttempt", t.toString()));
        target.lastError().ifPresent(e -> ext.put("lastError", e));
        JsonNode schemas = doc.get("schemas");
        if (schemas instanceof ArrayNode a) a.add(ScimSchemas.TARGET_STATE);
        // meta last, as RFC examples show it
        JsonNode meta = doc.remove("meta");
        ObjectNode m = meta instanceof ObjectNode o ? o : json.createObjectNode();
        m.put("location", location(base, r.type(), r.id()));
        doc.set("meta", m);
        selection.apply(doc, r.type().schema());
        return doc;
    }

    /**
     * Writes what {@link #render} builds, for a selection of every default attribute, without building it: the stored
     * JSON streams through once, taking the target schema into {@code schemas}, with members, the target-state
     * extension and {@code meta} (with its location) after the stored attributes. Parsing each stored body into a
     * tree and serialising the tree again was a tenth of the CPU of a filtered GET. Any other selection renders the
     * tree and writes it.
     */
    void write(JsonGenerator out, URI base, StoredResource r, Optional<List<Member>> members, TargetState target,
               AttributeSelection selection) throws IOException {
        if (!selection.isEverything()) {
            out.writeTree(render(base, r, members, target, selection));
            return;
        }
        List<Map.Entry<String, Object>> meta = List.of();
        try (JsonParser in = json.getFactory().createParser(r.body())) {
            if (in.nextToken() != JsonToken.START_OBJECT) throw new IllegalStateException("stored resource " + r.id() + " is not a JSON object");
            out.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (name.equals("meta") && value == JsonToken.START_OBJECT) {
                    meta = readMeta(in);
                } else if (name.equals("meta")) {
                    in.skipChildren(); // not an object: replaced by one holding the location, as render does
                } else if (name.equals(ScimSchemas.TARGET_STATE) || name.equals("members") && members.isPresent()) {
                    in.skipChildren(); // replaced by what is current below
                } else if (name.equals("schemas") && value == JsonToken.START_ARRAY) {
                    out.writeArrayFieldStart(name);
                    while (in.nextToken() != JsonToken.END_ARRAY) out.copyCurrentStructure(in);
                    out.writeString(ScimSchemas.TARGET_STATE);
                    out.writeEndArray();
                } else {
                    out.writeFieldName(name);
                    out.copyCurrentStructure(in);
                }
            }
        }
        if (members.isPresent()) {
            out.writeArrayFieldStart("members");
            for (Member m : members.get()) {
                out.writeStartObject();
                out.writeStringField("value", m.value());
                if (m.display() != null) out.writeStringField("display", m.display());
                out.writeStringField("type", m.type().scimName());
                out.writeStringField("$ref", location(base, m.type(), m.value()));
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeObjectFieldStart(ScimSchemas.TARGET_STATE);
        out.writeStringField("state", target.status().wireName());
        if (target.targetObjectId().isPresent()) out.writeStringField("targetObjectId", target.targetObjectId().get());
        if (target.lastAttempt().isPresent()) out.writeStringField("lastAttempt", target.lastAttempt().get().toString());
        if (target.lastError().isPresent()) out.writeStringField("lastError", target.lastError().get());
        out.writeEndObject();
        out.writeObjectFieldStart("meta");
        String location = location(base, r.type(), r.id());
        boolean located = false;
        for (Map.Entry<String, Object> field : meta) {
            out.writeFieldName(field.getKey());
            if (field.getKey().equals("location")) {
                out.writeString(location);
                located = true;
            } else if (field.getValue() instanceof String text) {
                out.writeString(text);
            } else {
                out.writeTree((JsonNode) field.getValue());
            }
        }
        if (!located) out.writeStringField("location", location);
        out.writeEndObject();
        out.writeEndObject();
    }

    /**
     * The fields of a stored {@code meta} object, the parser on its start: text values as strings (all that the store
     * writes there), anything else as a tree. Kept aside because {@code meta} is written last, with the location.
     */
    private List<Map.Entry<String, Object>> readMeta(JsonParser in) throws IOException {
        List<Map.Entry<String, Object>> fields = new ArrayList<>(5);
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            if (in.nextToken() == JsonToken.VALUE_STRING) {
                fields.add(Map.entry(name, in.getText()));
            } else {
                JsonNode tree = json.readTree(in);
                fields.add(Map.entry(name, tree == null ? NullNode.getInstance() : tree));
            }
        }
        return fields;
    }

    private ObjectNode parse(String body) {
        try {
            return (ObjectNode) json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored resource is not JSON", e);
        }
    }
}
