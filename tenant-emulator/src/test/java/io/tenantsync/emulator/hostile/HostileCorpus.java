package io.tenantsync.emulator.hostile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.hostile.HostileRequest.Header;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates a reproducible corpus of malformed and adversarial requests for a JSON API: broken and deeply nested
 * JSON, oversized bodies, headers and ids, wrong types, invalid UTF-8, filter injection, path traversal in ids,
 * invalid PATCH documents and header abuse. Every write in it must be refused; reads may succeed.
 */
public final class HostileCorpus {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What the generator needs to know about the API under attack. */
    public interface Dialect {
        /** Authorization and content type carried by well-formed requests. */
        String authorization();

        String contentType();

        /** Collections that accept creation, e.g. {@code /scim/v2/Users}. */
        List<String> collections();

        /** A body the collection would accept as a creation (the corpus only sends broken variants of it). */
        String validCreate(String collection);

        /** The path of an existing object of the collection. */
        String existing(String collection);

        /** The query string filtering the collection by {@code expression}. */
        String filterQuery(String expression);

        /** Filter expressions shaped as injections into this API's filter language. */
        List<String> injectionFilters();

        /** Query strings that must be refused or answered harmlessly (paging, projection, sort abuse). */
        List<String> hostileQueries();

        /** Update bodies for an existing object that must be refused (bad paths, operations, read-only targets). */
        List<String> invalidUpdates();

        /** The method of a partial update with {@link #invalidUpdates()} bodies. */
        default String updateMethod() {
            return "PATCH";
        }

        /** Bodies larger than the server accepts must be at least this size to be refused as too large. */
        int bodyLimitBytes();
    }

    private final Dialect dialect;
    private final Random random;
    private final List<Function<Random, HostileRequest>> families = new ArrayList<>();

    private HostileCorpus(Dialect dialect, long seed) {
        this.dialect = dialect;
        this.random = new Random(seed);
        families.add(this::brokenJson);
        families.add(this::deepNesting);
        families.add(this::oversized);
        families.add(this::wrongType);
        families.add(this::invalidUtf8);
        families.add(this::injection);
        families.add(this::traversal);
        families.add(this::invalidUpdate);
        families.add(this::headerAbuse);
        families.add(this::hostileQuery);
    }

    /** {@code count} requests, the families taking turns, reproducible from {@code seed}. */
    public static List<HostileRequest> generate(Dialect dialect, long seed, int count) {
        var corpus = new HostileCorpus(dialect, seed);
        List<HostileRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(corpus.families.get(i % corpus.families.size()).apply(corpus.random));
        }
        return requests;
    }

    private String collection(Random r) {
        return pick(r, dialect.collections());
    }

    private static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    private List<Header> headers() {
        return List.of(new Header("Authorization", dialect.authorization()), new Header("Content-Type", dialect.contentType()));
    }

    private HostileRequest request(String family, String method, String target, byte[] body) {
        return new HostileRequest(family, method, target, headers(), body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean parses(byte[] json) {
        try {
            STRICT.readTree(json);
            return json.length > 0;
        } catch (Exception e) {
            return false;
        }
    }

    // -- families -------------------------------------------------------------------------------------------------

    /** Valid bodies cut, spliced or garbled until they no longer parse. */
    private HostileRequest brokenJson(Random r) {
        String collection = collection(r);
        String valid = dialect.validCreate(collection);
        byte[] broken;
        do {
            broken = utf8(switch (r.nextInt(7)) {
                case 0 -> valid.substring(0, r.nextInt(valid.length()));
                case 1 -> valid + pick(r, List.of("}", "]", ",", "x", "{}", "\u0000"));
                case 2 -> valid.replace(":", pick(r, List.of("", "::", "=", ";")));
                case 3 -> valid.replaceFirst("\"", "");
                case 4 -> valid.replace("{", pick(r, List.of("[", "{{", "(")));
                case 5 -> pick(r, List.of("", " ", "{", "[", "nul", "tru", "\"unterminated", "{\"a\":}", "{,}", "{'a':1}",
                        "{\"a\":1,}", "[1,2,]", "{\"a\":NaN}", "{\"a\":01}", "\u00ef\u00bb\u00bf{}", "{\"a\":\"\\x\"}"));
                default -> duplicateFirstKey(valid);
            });
        } while (parses(broken));
        String method = pick(r, List.of("POST", "POST", "PUT", dialect.updateMethod()));
        String target = method.equals("POST") ? collection : dialect.existing(collection);
        return request("brokenJson", method, target, broken);
    }

    private static String duplicateFirstKey(String valid) {
        try {
            ObjectNode node = (ObjectNode) STRICT.readTree(valid);
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            var first = fields.next();
            String duplicate = "\"" + first.getKey() + "\":" + first.getValue() + ",";
            return "{" + duplicate + valid.substring(valid.indexOf('{') + 1);
        } catch (Exception e) {
            throw new IllegalStateException("the dialect's valid body must be a JSON object", e);
        }
    }

    /** Arrays and objects nested far beyond any real document, balanced or not. */
    private HostileRequest deepNesting(Random r) {
        String collection = collection(r);
        int depth = pick(r, List.of(64, 1_001, 5_000, 50_000, 200_000));
        boolean objects = r.nextBoolean();
        boolean balanced = r.nextBoolean();
        var body = new StringBuilder("{\"displayName\":");
        for (int i = 0; i < depth; i++) {
            body.append(objects ? "{\"a\":" : "[");
        }
        body.append("1");
        if (balanced) {
            body.append((objects ? "}" : "]").repeat(depth)).append('}');
        }
        boolean create = r.nextBoolean();
        return request("deepNesting", create ? "POST" : dialect.updateMethod(), create ? collection : dialect.existing(collection),
                utf8(body.toString()));
    }

    /** Bodies over the size limit, and huge strings where they do not belong. */
    private HostileRequest oversized(Random r) {
        String collection = collection(r);
        int limit = dialect.bodyLimitBytes();
        return switch (r.nextInt(4)) {
            case 0 -> {
                String valid = dialect.validCreate(collection);
                String padded = "{\"padding\":\"" + "x".repeat(limit + r.nextInt(64 * 1024)) + "\"," + valid.substring(valid.indexOf('{') + 1);
                yield request("oversized", "POST", collection, utf8(padded));
            }
            case 1 -> {
                var array = new StringBuilder("{\"displayName\":[");
                for (int i = 0, n = limit / 4 + 1; i < n; i++) {
                    array.append(i == 0 ? "" : ",").append("{}");
                }
                yield request("oversized", "POST", collection, utf8(array.append("]}").toString()));
            }
            case 2 -> request("oversized", "GET", collection + "/" + "a".repeat(4_000 + r.nextInt(6_000)), new byte[0]);
            default -> request("oversized", "GET", collection + dialect.filterQuery("x".repeat(10_000 + r.nextInt(20_000))), new byte[0]);
        };
    }

    /** Each member of a valid body replaced by a value of another JSON type. */
    private HostileRequest wrongType(Random r) {
        String collection = collection(r);
        ObjectNode body;
        try {
            body = (ObjectNode) STRICT.readTree(dialect.validCreate(collection));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        names.remove("schemas");
        String name = pick(r, names);
        body.set(name, otherType(body.get(name), r));
        boolean create = r.nextBoolean();
        return request("wrongType", create ? "POST" : "PUT", create ? collection : dialect.existing(collection), utf8(body.toString()));
    }

    private static JsonNode otherType(JsonNode value, Random r) {
        List<JsonNode> candidates = new ArrayList<>();
        if (!value.isNumber()) candidates.add(NODES.numberNode(r.nextInt(1_000_000)));
        if (!value.isArray()) candidates.add(NODES.arrayNode().add("x").add(1));
        if (!value.isObject()) candidates.add(NODES.objectNode().put("value", "x"));
        if (!value.isBoolean()) candidates.add(NODES.booleanNode(true));
        if (!value.isTextual() && !value.isBoolean()) candidates.add(NODES.textNode("not-a-" + value.getNodeType().name().toLowerCase()));
        return pick(r, candidates);
    }

    /** Bytes that are not UTF-8 inside otherwise valid bodies, ids and filters. */
    private HostileRequest invalidUtf8(Random r) {
        String collection = collection(r);
        byte[] bad = pick(r, List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0x80}));
        return switch (r.nextInt(3)) {
            case 0 -> {
                String valid = dialect.validCreate(collection);
                int quote = valid.indexOf("\":\"") + 3;
                var body = new ByteArrayOutputStream();
                body.writeBytes(utf8(valid.substring(0, quote)));
                body.writeBytes(bad);
                body.writeBytes(utf8(valid.substring(quote)));
                yield request("invalidUtf8", "POST", collection, body.toByteArray());
            }
            case 1 -> request("invalidUtf8", "GET", collection + "/" + percent(bad), new byte[0]);
            default -> request("invalidUtf8", "GET", collection + dialect.filterQuery("x") + percent(bad), new byte[0]);
        };
    }

    private static String percent(byte[] bytes) {
        var text = new StringBuilder();
        for (byte b : bytes) {
            text.append('%').append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }

    /** Filter expressions that try to escape their string literals or smuggle SQL. */
    private HostileRequest injection(Random r) {
        String collection = collection(r);
        String expression = pick(r, dialect.injectionFilters());
        return request("injection", "GET", collection + dialect.filterQuery(expression), new byte[0]);
    }

    /** Ids that try to climb out of the collection or into the store's syntax. */
    private HostileRequest traversal(Random r) {
        String collection = collection(r);
        String id = pick(r, List.of("..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "%252e%252e%252f", "....//....//",
                "%00", "x%00y", "%2F", "'%20OR%20'1'%3D'1", "1;DROP%20TABLE%20USERS", "*", "%25", "%5C..%5C", "~root",
                "%C0%AE%C0%AE%2F", ".%2E/", "%0d%0aSet-Cookie:%20x=y", "%7B%7D", "null", "undefined"));
        String method = pick(r, List.of("GET", "PUT", "DELETE", dialect.updateMethod()));
        byte[] body = method.equals("PUT") ? utf8(dialect.validCreate(collection))
                : method.equals(dialect.updateMethod()) ? utf8(pick(r, dialect.invalidUpdates())) : new byte[0];
        return request("traversal", method, collection + "/" + id, body);
    }

    /** Partial updates of an existing object that the API must refuse whole. */
    private HostileRequest invalidUpdate(Random r) {
        String collection = collection(r);
        return request("invalidUpdate", dialect.updateMethod(), dialect.existing(collection), utf8(pick(r, dialect.invalidUpdates())));
    }

    /** Credentials, content types and method overrides that must not be honoured. */
    private HostileRequest headerAbuse(Random r) {
        String collection = collection(r);
        String existing = dialect.existing(collection);
        String valid = dialect.validCreate(collection);
        String json = dialect.contentType();
        return switch (r.nextInt(8)) {
            case 0 -> new HostileRequest("headerAbuse", "POST", collection, List.of(new Header("Content-Type", json)), utf8(valid));
            case 1 -> new HostileRequest("headerAbuse", "DELETE", existing, List.of(new Header("Authorization",
                    pick(r, List.of("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer", "Bearer a b c", "Bearer \t",
                            "Bearer " + "A".repeat(2_000 + r.nextInt(4_000)), "Negotiate YII=", "Bearer null",
                            "Bearer " + dialect.authorization().substring(Math.min(7, dialect.authorization().length())) + "x")))),
                    new byte[0]);
            case 2 -> new HostileRequest("headerAbuse", "POST", collection, List.of(new Header("Authorization", dialect.authorization()),
                    new Header("Content-Type", pick(r, List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                            "application/x-www-form-urlencoded", "image/png", "text/html")))), utf8(valid));
            case 3 -> new HostileRequest("headerAbuse", "GET", existing, List.of(new Header("Authorization", dialect.authorization()),
                    new Header("X-HTTP-Method-Override", "DELETE"), new Header("X-HTTP-Method", "DELETE")), new byte[0]);
            case 4 -> new HostileRequest("headerAbuse", "POST", existing, List.of(new Header("Authorization", dialect.authorization()),
                    new Header("Content-Type", json), new Header("X-HTTP-Method-Override", "DELETE")), new byte[0]);
            case 5 -> new HostileRequest("headerAbuse", pick(r, List.of("TRACE", "CONNECT", "FOO", "PROPFIND", "OPTIONS")), existing,
                    headers(), new byte[0]);
            case 6 -> new HostileRequest("headerAbuse", dialect.updateMethod(), existing, List.of(new Header("Authorization", dialect.authorization()),
                    new Header("Content-Type", json), new Header("If-Match", pick(r, List.of("W/\"999999\"", "\"nope\"", "W/", "garbage")))),
                    utf8(pick(r, dialect.invalidUpdates())));
            default -> {
                List<Header> many = new ArrayList<>(headers());
                for (int i = 0, n = 50 + r.nextInt(100); i < n; i++) {
                    many.add(new Header("X-Abuse-" + i, "v".repeat(r.nextInt(60))));
                }
                yield new HostileRequest("headerAbuse", "DELETE", collection, many, new byte[0]);
            }
        };
    }

    /** Paging, projection and sort parameters outside their domain. */
    private HostileRequest hostileQuery(Random r) {
        String collection = collection(r);
        return request("hostileQuery", "GET", collection + pick(r, dialect.hostileQueries()), new byte[0]);
    }

    /** Percent-encodes a query value the way a client library would. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
