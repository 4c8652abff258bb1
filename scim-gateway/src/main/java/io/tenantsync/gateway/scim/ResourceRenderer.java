package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.gateway.store.Member;
import io.tenantsync.gateway.store.ResourceType;
import io.tenantsync.gateway.store.StoredResource;
import io.tenantsync.gateway.store.TargetState;

import java.net.URI;
import java.util.List;
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

    private ObjectNode parse(String body) {
        try {
            return (ObjectNode) json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored resource is not JSON", e);
        }
    }
}
