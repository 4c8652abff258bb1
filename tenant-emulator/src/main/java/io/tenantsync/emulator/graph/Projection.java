package io.tenantsync.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/** Shapes a stored object for a response: {@code $select}, default property sets, write-only properties removed. */
public final class Projection {
    private Projection() {}

    /**
     * The properties named in {@code select} (case-insensitive; {@code id} always; absent ones as null), or, when
     * {@code select} is empty, {@code defaults} if given, else every stored property.
     */
    public static ObjectNode project(ObjectNode body, List<String> select, List<String> defaults, Set<String> neverReturned,
                                     String odataType) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (odataType != null) out.put("@odata.type", odataType);
        List<String> names = !select.isEmpty() ? select : defaults;
        if (names == null) {
            body.properties().forEach(e -> {
                if (!neverReturned.contains(e.getKey())) out.set(e.getKey(), e.getValue());
            });
            return out;
        }
        out.set("id", body.get("id"));
        for (String n : names) {
            if (n.equals("*")) {
                return project(body, List.of(), null, neverReturned, odataType);
            }
            String canonical = canonical(body, n);
            if (neverReturned.contains(canonical) || canonical.equals("id")) continue;
            JsonNode v = body.get(canonical);
            out.set(canonical, v == null ? JsonNodeFactory.instance.nullNode() : v);
        }
        return out;
    }

    private static String canonical(ObjectNode body, String name) {
        if (body.has(name)) return name;
        var it = body.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) return f;
        }
        return name;
    }
}
