package io.tenantsync.emulator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON shape of a request body or one of its complex values. Checking a value returns a clean copy (OData
 * annotations removed); a wrong type, an unknown property or an oversize string is a 400 naming the property.
 * JSON null is accepted everywhere: on these resources null means "inherit the default".
 */
@FunctionalInterface
public interface BodyShape {
    Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A clean copy of {@code value}, or a 400 about {@code property} of {@code resource}. */
    JsonNode check(String resource, String property, JsonNode value);

    static GraphException invalid(String resource, String property) {
        return GraphException.badRequest("Invalid value specified for property '" + property + "' of resource '" + resource + "'.");
    }

    static GraphException unknown(String property) {
        return GraphException.badRequest("Property '" + property + "' does not exist as a declared property or extension property.");
    }

    static BodyShape bool() {
        return (r, p, v) -> {
            if (!v.isNull() && !v.isBoolean()) throw invalid(r, p);
            return v;
        };
    }

    static BodyShape string(int maxLength) {
        return (r, p, v) -> {
            if (!v.isNull() && (!v.isTextual() || v.asText().length() > maxLength)) throw invalid(r, p);
            return v;
        };
    }

    static BodyShape guid() {
        return (r, p, v) -> {
            if (!v.isNull() && (!v.isTextual() || !GUID.matcher(v.asText()).matches())) throw invalid(r, p);
            return v.isNull() ? v : JsonNodeFactory.instance.textNode(v.asText().toLowerCase(java.util.Locale.ROOT));
        };
    }

    /** A string from a fixed set of values (matched exactly, as Graph enum members are). */
    static BodyShape oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return (r, p, v) -> {
            if (!v.isNull() && (!v.isTextual() || !allowed.contains(v.asText()))) throw invalid(r, p);
            return v;
        };
    }

    static BodyShape listOf(BodyShape element, int maxSize) {
        return (r, p, v) -> {
            if (v.isNull()) return v;
            if (!v.isArray() || v.size() > maxSize) throw invalid(r, p);
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : v) {
                if (e.isNull()) throw invalid(r, p);
                out.add(element.check(r, p, e));
            }
            return out;
        };
    }

    /** Any JSON object or array, kept as sent (properties the emulator stores and echoes without interpreting). */
    static BodyShape opaque() {
        return (r, p, v) -> {
            if (!v.isNull() && !v.isObject() && !v.isArray()) throw invalid(r, p);
            return v;
        };
    }

    /** An object with exactly these properties (any subset of them). */
    static Fields object() {
        return new Fields();
    }

    /** An object shape under construction; {@link #check} rejects properties it does not declare. */
    final class Fields implements BodyShape {
        private final Map<String, BodyShape> fields = new LinkedHashMap<>();

        public Fields with(String name, BodyShape shape) {
            fields.put(name, shape);
            return this;
        }

        public Set<String> names() {
            return fields.keySet();
        }

        @Override
        public JsonNode check(String resource, String property, JsonNode value) {
            if (value.isNull()) return value;
            if (!value.isObject()) throw invalid(resource, property);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (var e : value.properties()) {
                if (e.getKey().startsWith("@odata.")) continue;
                BodyShape shape = fields.get(e.getKey());
                if (shape == null) throw unknown(e.getKey());
                out.set(e.getKey(), shape.check(resource, e.getKey(), e.getValue()));
            }
            return out;
        }
    }

    /**
     * Merges a PATCH into a stored object: nested objects merge property by property (so two PATCHes each setting
     * one half of {@code automaticUserConsentSettings} keep both halves), everything else is replaced.
     */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (var e : patch.properties()) {
            JsonNode current = target.get(e.getKey());
            if (e.getValue().isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
