package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code attributes} / {@code excludedAttributes} of a request (RFC 7644 §3.4.2.5): which attributes a
 * response carries. {@code id} and {@code schemas} are always returned.
 */
public record AttributeSelection(Set<String> attributes, Set<String> excluded) {
    /** Every attribute with {@code returned: default}. */
    public static final AttributeSelection DEFAULT = new AttributeSelection(Set.of(), Set.of());

    /** Whether the selection is {@link #DEFAULT}: every attribute returned by default, nothing trimmed. */
    public boolean isEverything() {
        return attributes.isEmpty() && excluded.isEmpty();
    }

    /** Parses the comma-separated query parameters (either may be null). */
    public static AttributeSelection of(String attributes, String excludedAttributes) {
        if (attributes == null && excludedAttributes == null) return DEFAULT;
        return new AttributeSelection(paths(attributes), paths(excludedAttributes));
    }

    /** From the arrays of a {@code .search} request body. */
    public static AttributeSelection of(List<String> attributes, List<String> excludedAttributes) {
        return of(String.join(",", attributes), String.join(",", excludedAttributes));
    }

    private static Set<String> paths(String csv) {
        Set<String> paths = new TreeSet<>();
        if (csv == null) return paths;
        for (String p : csv.split(",")) {
            String t = p.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) paths.add(t);
        }
        return Set.copyOf(paths);
    }

    /** Whether the response should carry {@code attribute} (a top-level name, lower-case paths compared). */
    public boolean wants(String attribute) {
        String a = attribute.toLowerCase(Locale.ROOT);
        if (!attributes.isEmpty()) return attributes.stream().anyMatch(p -> p.equals(a) || p.startsWith(a + ".") || p.startsWith(a + ":"));
        return !excluded.contains(a);
    }

    /** Removes from {@code resource} what the selection leaves out; {@code coreSchema} qualifies core names. */
    public void apply(ObjectNode resource, String coreSchema) {
        if (attributes.isEmpty() && excluded.isEmpty()) return;
        String core = coreSchema.toLowerCase(Locale.ROOT) + ":";
        Set<String> include = new TreeSet<>();
        for (String p : attributes) include.add(p.startsWith(core) ? p.substring(core.length()) : p);
        Set<String> exclude = new TreeSet<>();
        for (String p : excluded) exclude.add(p.startsWith(core) ? p.substring(core.length()) : p);
        trim(resource, "", include, exclude);
    }

    private static void trim(ObjectNode node, String prefix, Set<String> include, Set<String> exclude) {
        List<String> remove = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (prefix.isEmpty() && (name.equals("id") || name.equals("schemas"))) continue;
            boolean extension = prefix.isEmpty() && name.startsWith("urn:");
            String path = prefix + name.toLowerCase(Locale.ROOT);
            String childPrefix = path + (extension ? ":" : ".");
            if (exclude.contains(path)) {
                remove.add(name);
                continue;
            }
            boolean selected = include.isEmpty() || include.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + ":"));
            boolean ancestor = include.stream().anyMatch(p -> p.startsWith(childPrefix));
            if (!selected && !ancestor) {
                remove.add(name);
                continue;
            }
            boolean childExcluded = exclude.stream().anyMatch(p -> p.startsWith(childPrefix));
            if (!selected || childExcluded) {
                JsonNode v = f.getValue();
                if (v.isObject()) trim((ObjectNode) v, childPrefix, selected ? Set.of() : include, exclude);
                else if (v.isArray()) v.forEach(e -> { if (e.isObject()) trim((ObjectNode) e, childPrefix, selected ? Set.of() : include, exclude); });
            }
        }
        remove.forEach(node::remove);
    }
}
