package io.tenantsync.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately non-conformant SCIM server: a conformant one (a plain tenantsync gateway behind it) with chosen
 * defects added on the wire, each one a mistake real peers make (scim-interop.md §4). With no defects it is the
 * gateway on another port, so any check failing against it fails because of a defect.
 */
final class NonConformantScimServer implements AutoCloseable {
    /** What this server gets wrong. */
    enum Defect {
        /** userName eq compares case-sensitively (RFC 7643 §4.1.1 makes userName caseExact false). */
        CASE_SENSITIVE_USERNAME,
        /** Advertises ETags but sends none and ignores If-Match / If-None-Match. */
        NO_ETAG,
        /** A body that is not JSON gets a plain-text 500 instead of a 400 invalidSyntax. */
        ERROR_500_ON_BAD_JSON,
        /** The Location header of a 201 is a path, not an absolute URI. */
        RELATIVE_LOCATION,
        /** active given as the string "True"/"False" (Entra's default) is refused with 400. */
        NO_STRING_BOOLEANS
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USERNAME_EQ = Pattern.compile("(?i)^\\s*userName\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$");
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "http2-settings", "keep-alive", "expect");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient backend = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String backendOrigin;
    private final Set<Defect> defects;
    private final boolean advertiseOptionalFeatures;

    private NonConformantScimServer(URI backendBase, Set<Defect> defects, boolean advertiseOptionalFeatures) throws IOException {
        this.advertiseOptionalFeatures = advertiseOptionalFeatures;
        this.backendOrigin = "http://" + backendBase.getHost() + ":" + backendBase.getPort();
        this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves on a free loopback port the same paths as the backend, with {@code defects}. */
    static NonConformantScimServer start(URI backendBase, Set<Defect> defects) throws IOException {
        return new NonConformantScimServer(backendBase, defects, true);
    }

    /**
     * Without defects, but its /ServiceProviderConfig says PATCH, Bulk, sorting and ETags are unsupported (which is
     * conformant: they are optional).
     */
    static NonConformantScimServer withoutOptionalFeatures(URI backendBase) throws IOException {
        return new NonConformantScimServer(backendBase, Set.of(), false);
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private boolean has(Defect d) {
        return defects.contains(d);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            if (body.length > 0 && has(Defect.ERROR_500_ON_BAD_JSON) && !isJson(text)) {
                send(exchange, 500, "text/plain", "Internal Server Error");
                return;
            }
            if (body.length > 0 && has(Defect.NO_STRING_BOOLEANS) && hasStringActive(text)) {
                send(exchange, 400, "application/scim+json",
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\",\"scimType\":\"invalidValue\",\"detail\":\"active must be a boolean\"}");
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(backendOrigin + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (HOP_BY_HOP.contains(lower)) return;
                if (has(Defect.NO_ETAG) && (lower.equals("if-match") || lower.equals("if-none-match"))) return;
                values.forEach(v -> forward.header(name, v));
            });
            HttpResponse<String> answer;
            try {
                answer = backend.send(forward.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 503, "text/plain", "interrupted");
                return;
            }
            String responseBody = answer.body().replace(backendOrigin, origin());
            if (has(Defect.NO_ETAG)) responseBody = withoutVersions(responseBody);
            if (!advertiseOptionalFeatures && exchange.getRequestURI().getPath().endsWith("/ServiceProviderConfig")) {
                responseBody = unsupported(responseBody);
            }
            if (has(Defect.CASE_SENSITIVE_USERNAME) && method.equals("GET")) {
                responseBody = caseSensitive(exchange.getRequestURI(), responseBody);
            }
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (HOP_BY_HOP.contains(lower) || lower.startsWith(":")) return;
                if (has(Defect.NO_ETAG) && lower.equals("etag")) return;
                for (String v : values) {
                    String value = v.replace(backendOrigin, origin());
                    if (lower.equals("location") && has(Defect.RELATIVE_LOCATION)) value = URI.create(value).getRawPath();
                    exchange.getResponseHeaders().add(name, value);
                }
            });
            byte[] out = responseBody.getBytes(StandardCharsets.UTF_8);
            boolean empty = answer.statusCode() == 204 || answer.statusCode() == 304 || out.length == 0;
            exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : out.length);
            if (!empty) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the body sets active to a string: as an attribute, in a path-less value, or as a PATCH op on "active". */
    private static boolean hasStringActive(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return false;
        }
        if (root == null) return false;
        if (root.path("active").isTextual()) return true;
        for (JsonNode op : root.path("Operations")) {
            if ("active".equalsIgnoreCase(op.path("path").asText()) && op.path("value").isTextual()) return true;
            if (op.path("value").path("active").isTextual()) return true;
        }
        return false;
    }

    private static String withoutVersions(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (!(root instanceof ObjectNode object)) return body;
        strip(object);
        object.path("Resources").forEach(r -> {
            if (r instanceof ObjectNode o) strip(o);
        });
        return object.toString();
    }

    private static String unsupported(String body) {
        try {
            ObjectNode spc = (ObjectNode) JSON.readTree(body);
            for (String feature : List.of("patch", "bulk", "sort", "etag")) ((ObjectNode) spc.get(feature)).put("supported", false);
            return spc.toString();
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }

    private static void strip(ObjectNode resource) {
        if (resource.path("meta") instanceof ObjectNode meta) meta.remove("version");
    }

    /** Keeps only the resources whose userName equals the filter's value exactly, as a case-sensitive store would. */
    private static String caseSensitive(URI request, String body) {
        String query = request.getRawQuery();
        if (query == null || !request.getPath().endsWith("/Users")) return body;
        String filter = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("filter=")) filter = pair.substring("filter=".length());
        }
        if (filter == null) return body;
        Matcher m = USERNAME_EQ.matcher(java.net.URLDecoder.decode(filter.replace("+", "%2B"), StandardCharsets.UTF_8));
        if (!m.matches()) return body;
        String wanted = m.group(1);
        try {
            JsonNode root = JSON.readTree(body);
            if (!(root instanceof ObjectNode list) || !(list.get("Resources") instanceof ArrayNode resources)) return body;
            ArrayNode kept = JSON.createArrayNode();
            resources.forEach(r -> {
                if (wanted.equals(r.path("userName").asText())) kept.add(r);
            });
            list.set("Resources", kept);
            list.put("totalResults", kept.size());
            list.put("itemsPerPage", kept.size());
            return list.toString();
        } catch (IOException e) {
            return body;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

}
