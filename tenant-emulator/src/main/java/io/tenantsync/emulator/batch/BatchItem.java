package io.tenantsync.emulator.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.Routes;
import jakarta.ws.rs.core.PathSegment;
import org.glassfish.jersey.uri.UriComponent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request of a {@code $batch}, validated.
 *
 * @param id        as sent
 * @param method    upper-case
 * @param segments  decoded, normalised path segments after the version root
 * @param query     decoded query options, first value of each
 * @param headers   the request's own headers, keys lower-cased
 * @param body      raw body, empty when none
 * @param dependsOn ids of requests that must succeed first
 */
record BatchItem(String id, String method, List<String> segments, Map<String, String> query, Map<String, String> headers,
                 byte[] body, List<String> dependsOn) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
    private static final Set<String> FIELDS = Set.of("id", "method", "url", "headers", "body", "dependsOn");

    /** Case-insensitive identity of the request. */
    String key() { return key(id); }

    static String key(String id) { return id.toLowerCase(Locale.ROOT); }

    /** This item as a Graph request under the batch's version root, carrying the batch's Authorization. */
    GraphRequest toRequest(GraphRequest outer, String requestId) {
        Map<String, String> h = new HashMap<>(headers);
        h.remove("authorization");
        outer.header("Authorization").ifPresent(a -> h.put("authorization", a));
        return new GraphRequest(method, outer.version(), segments, query, h, body, outer.serviceRoot(), requestId);
    }

    /** Parses and validates the whole batch body; throws the whole-batch 400 on any shape error. */
    static List<BatchItem> parseAll(ObjectNode batch, ObjectMapper json) {
        JsonNode requests = batch.get("requests");
        if (requests == null || !requests.isArray()) throw BatchApi.invalid("Invalid batch payload format: 'requests' must be an array.");
        if (requests.isEmpty()) throw BatchApi.invalid("Invalid batch payload format: the batch contains no requests.");
        if (requests.size() > BatchApi.MAX_REQUESTS) {
            throw BatchApi.invalid("The batch contains " + requests.size() + " requests; the maximum is " + BatchApi.MAX_REQUESTS + ".");
        }
        List<BatchItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : requests) {
            BatchItem item = parse(r, json);
            if (!ids.add(item.key())) throw BatchApi.invalid("Request id '" + item.id() + "' is used more than once in the batch.");
            items.add(item);
        }
        for (BatchItem item : items) {
            for (String dep : item.dependsOn()) {
                if (!ids.contains(key(dep)) || key(dep).equals(item.key())) {
                    throw BatchApi.invalid("Request '" + item.id() + "' depends on '" + dep + "', which is not another request of the batch.");
                }
            }
        }
        executionOrder(items); // rejects cycles
        return items;
    }

    private static BatchItem parse(JsonNode r, ObjectMapper json) {
        if (!r.isObject()) throw BatchApi.invalid("Invalid batch payload format: each request must be an object.");
        for (var it = r.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw BatchApi.invalid("Invalid batch payload format: unknown property '" + f + "'.");
        }
        JsonNode idNode = r.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw BatchApi.invalid("Invalid batch payload format: every request needs a non-empty string 'id'.");
        }
        String id = idNode.asText();
        JsonNode m = r.get("method");
        String method = m != null && m.isTextual() ? m.asText().toUpperCase(Locale.ROOT) : "";
        if (!METHODS.contains(method)) throw BatchApi.invalid("Request '" + id + "' has no valid 'method' (GET, POST, PATCH, PUT or DELETE).");
        JsonNode u = r.get("url");
        if (u == null || !u.isTextual() || u.asText().isBlank()) throw BatchApi.invalid("Request '" + id + "' has no 'url'.");
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = r.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) throw BatchApi.invalid("Request '" + id + "': 'headers' must be an object.");
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) h::fields) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw BatchApi.invalid("Request '" + id + "': header '" + e.getKey() + "' must have a string value.");
                }
                headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
            }
        }
        byte[] body = new byte[0];
        JsonNode b = r.get("body");
        if (b != null && !b.isNull()) {
            if (!headers.containsKey("content-type")) {
                throw BatchApi.invalid("Request '" + id + "' has a body but no Content-Type header.");
            }
            try {
                body = b.isTextual() ? b.asText().getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(b);
            } catch (java.io.IOException e) {
                throw BatchApi.invalid("Request '" + id + "' has a body that cannot be read.");
            }
        }
        List<String> dependsOn = new ArrayList<>();
        JsonNode d = r.get("dependsOn");
        if (d != null && !d.isNull()) {
            if (!d.isArray()) throw BatchApi.invalid("Request '" + id + "': 'dependsOn' must be an array of request ids.");
            for (JsonNode x : d) {
                if (!x.isTextual()) throw BatchApi.invalid("Request '" + id + "': 'dependsOn' must be an array of request ids.");
                dependsOn.add(x.asText());
            }
        }
        String url = u.asText();
        String path = url;
        String query = null;
        int q = url.indexOf('?');
        if (q >= 0) {
            path = url.substring(0, q);
            query = url.substring(q + 1);
        }
        int hash = path.indexOf('#');
        if (hash >= 0) path = path.substring(0, hash);
        if (path.contains("://")) throw BatchApi.invalid("Request '" + id + "': 'url' must be relative to the version root, e.g. /users.");
        while (path.startsWith("/")) path = path.substring(1);
        List<String> segments = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        try {
            List<PathSegment> all = UriComponent.decodePath(path, true);
            for (int i = 0; i < all.size(); i++) {
                String s = all.get(i).getPath();
                if (!s.isEmpty() || i < all.size() - 1) segments.add(Routes.normalise(s));
            }
            if (query != null && !query.isEmpty()) {
                UriComponent.decodeQuery(query, true).forEach((k, v) -> {
                    if (!v.isEmpty()) options.put(k, v.get(0));
                });
            }
        } catch (IllegalArgumentException e) {
            throw BatchApi.invalid("Request '" + id + "': 'url' is not a valid relative URL.");
        }
        return new BatchItem(id, method, segments, options, headers, body, dependsOn);
    }

    /** Request order, with each request's dependencies moved ahead of it; a cycle is a whole-batch 400. */
    static List<BatchItem> executionOrder(List<BatchItem> items) {
        Map<String, BatchItem> byKey = new HashMap<>();
        for (BatchItem i : items) byKey.put(i.key(), i);
        List<BatchItem> out = new ArrayList<>(items.size());
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (BatchItem i : items) visit(i, byKey, done, visiting, out);
        return out;
    }

    private static void visit(BatchItem item, Map<String, BatchItem> byKey, Set<String> done, Set<String> visiting, List<BatchItem> out) {
        if (done.contains(item.key())) return;
        if (!visiting.add(item.key())) throw BatchApi.invalid("The dependsOn relations of the batch form a cycle through '" + item.id() + "'.");
        for (String dep : item.dependsOn()) visit(byKey.get(key(dep)), byKey, done, visiting, out);
        visiting.remove(item.key());
        done.add(item.key());
        out.add(item);
    }
}
