package io.tenantsync.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * RFC 7644 §3.4.2.3 ordering by an attribute that has no column: compares resource bodies by the value at the path
 * (a multi-valued attribute by its primary value, else its first), strings ignoring case, missing values last in
 * either direction.
 */
final class JsonSortOrder {
    private JsonSortOrder() {
    }

    static Comparator<JsonNode> of(Path sortBy, SortOrder order) {
        Comparator<JsonNode> byValue = (a, b) -> compare(value(a, sortBy), value(b, sortBy));
        Comparator<JsonNode> directed = order == SortOrder.DESCENDING ? byValue.reversed() : byValue;
        return Comparator.comparing((JsonNode r) -> value(r, sortBy).isMissingNode()).thenComparing(directed);
    }

    private static JsonNode value(JsonNode resource, Path path) {
        JsonNode node = path.getSchemaUrn() == null ? resource : resource.path(path.getSchemaUrn());
        for (Path.Element e : path) {
            node = single(node).path(e.getAttribute());
            if (node.isMissingNode()) {
                node = caseInsensitive(resource, path);
                break;
            }
        }
        node = single(node);
        return node.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    /** Attribute names are case-insensitive (RFC 7643 §2.1): a second, slower walk when the exact one misses. */
    private static JsonNode caseInsensitive(JsonNode resource, Path path) {
        JsonNode node = path.getSchemaUrn() == null ? resource : field(resource, path.getSchemaUrn());
        for (Path.Element e : path) node = field(single(node), e.getAttribute());
        return node;
    }

    private static JsonNode field(JsonNode node, String name) {
        var it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) return node.get(f);
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode single(JsonNode node) {
        if (!node.isArray()) return node;
        for (JsonNode v : node) if (v.path("primary").asBoolean(false)) return v.has("value") ? v.get("value") : v;
        if (node.isEmpty()) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        JsonNode first = node.get(0);
        return first.isObject() && first.has("value") ? first.get("value") : first;
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a.isMissingNode() || b.isMissingNode()) return Boolean.compare(a.isMissingNode(), b.isMissingNode());
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        if (a.isBoolean() && b.isBoolean()) return Boolean.compare(a.booleanValue(), b.booleanValue());
        return a.asText().toLowerCase(Locale.ROOT).compareTo(b.asText().toLowerCase(Locale.ROOT));
    }

}
