package io.tenantsync.emulator.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.config.EmulatorConfig;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One fault-injection rule as set through {@code /_emulator/faults}:
 * <pre>
 * {"match":  {"tenant": "contoso", "method": "GET", "pathPattern": "/v1.0/users/*"},
 *  "action": {"status": 429, "retryAfterSeconds": 1, "count": 2, "latencyMs": 0, "dropResponse": false},
 *  "seed": 42}
 * </pre>
 * {@code match.tenant} (name, id or domain) and {@code match.method} are optional. The action needs at least one effect:
 * {@code status} (429, 500, 503 or 504: answered instead of the request, with {@code Retry-After} only when
 * {@code retryAfterSeconds} is given), {@code latencyMs} (delay before the request runs), or {@code dropResponse} (the
 * request runs and commits, then the client gets 504 as if the response were lost). Which matching requests are hit:
 * {@code count} N (the first N), {@code nth} N (only the N-th), {@code rate} 0..1 (each with that probability), or, with
 * none of them, every one. {@code seed} makes a rate rule's choices reproducible. Inner {@code $batch} requests are
 * matched by their own path; the batch envelope is {@code /v1.0/$batch}, so {@code /v1.0/**} hits it as well.
 */
public record FaultRule(String id, Match match, Action action, Long seed) {
    /** Which requests a rule looks at. {@code tenantId}/{@code method} null mean any. */
    public record Match(String tenantId, String method, String pathPattern, Pattern compiled) {
        public boolean test(String tenant, String requestMethod, String path) {
            return (tenantId == null || tenantId.equalsIgnoreCase(tenant))
                    && (method == null || method.equalsIgnoreCase(requestMethod))
                    && compiled.matcher(path).matches();
        }
    }

    /** How a request is hit. Exactly one of rate / count / nth is set, or none (every match). */
    public record Action(Integer status, Integer retryAfterSeconds, long latencyMs, boolean dropResponse,
                         Double rate, Integer count, Integer nth) {}

    private static final Set<Integer> STATUSES = Set.of(429, 500, 503, 504);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
    private static final long MAX_LATENCY_MS = 120_000;

    /** Parses a rule body; {@link IllegalArgumentException} with a client-facing message when invalid. */
    public static FaultRule parse(JsonNode n, EmulatorConfig config) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("a fault rule must be a JSON object with 'match' and 'action'");
        only(n, "rule", Set.of("match", "action", "seed"));
        JsonNode m = n.get("match");
        if (m == null || !m.isObject()) throw new IllegalArgumentException("'match' must be an object with a 'pathPattern'");
        only(m, "match", Set.of("tenant", "method", "pathPattern"));
        String pathPattern = text(m, "pathPattern", true);
        if (!pathPattern.startsWith("/")) throw new IllegalArgumentException("'match.pathPattern' must start with '/', e.g. /v1.0/users/*");
        String tenant = text(m, "tenant", false);
        String tenantId = null;
        if (tenant != null) {
            tenantId = config.tenant(tenant).map(t -> t.tenantId().toString())
                    .orElseThrow(() -> new IllegalArgumentException("'match.tenant' names no configured tenant: " + tenant));
        }
        String method = text(m, "method", false);
        if (method != null) {
            method = method.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) throw new IllegalArgumentException("'match.method' must be one of " + METHODS);
        }
        JsonNode a = n.get("action");
        if (a == null || !a.isObject()) throw new IllegalArgumentException("'action' must be an object");
        only(a, "action", Set.of("status", "retryAfterSeconds", "latencyMs", "dropResponse", "rate", "count", "nth"));
        Integer status = integer(a, "status", 100, 599);
        if (status != null && !STATUSES.contains(status)) throw new IllegalArgumentException("'action.status' must be 429, 500, 503 or 504");
        Integer retryAfter = integer(a, "retryAfterSeconds", 0, 3600);
        if (retryAfter != null && status == null) throw new IllegalArgumentException("'action.retryAfterSeconds' needs 'action.status'");
        Integer latency = integer(a, "latencyMs", 0, (int) MAX_LATENCY_MS);
        boolean drop = false;
        if (a.has("dropResponse")) {
            if (!a.get("dropResponse").isBoolean()) throw new IllegalArgumentException("'action.dropResponse' must be true or false");
            drop = a.get("dropResponse").asBoolean();
        }
        if (drop && status != null) throw new IllegalArgumentException("'action.dropResponse' answers 504 itself; leave out 'action.status'");
        if (status == null && !drop && (latency == null || latency == 0)) {
            throw new IllegalArgumentException("'action' needs an effect: status, latencyMs or dropResponse");
        }
        Double rate = null;
        if (a.has("rate")) {
            JsonNode r = a.get("rate");
            if (!r.isNumber() || r.asDouble() < 0 || r.asDouble() > 1) throw new IllegalArgumentException("'action.rate' must be a number from 0 to 1");
            rate = r.asDouble();
        }
        Integer count = integer(a, "count", 1, Integer.MAX_VALUE);
        Integer nth = integer(a, "nth", 1, Integer.MAX_VALUE);
        if ((rate != null ? 1 : 0) + (count != null ? 1 : 0) + (nth != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give at most one of 'action.rate', 'action.count', 'action.nth'");
        }
        Long seed = null;
        if (n.has("seed")) {
            if (!n.get("seed").isIntegralNumber() || !n.get("seed").canConvertToLong()) throw new IllegalArgumentException("'seed' must be an integer");
            seed = n.get("seed").asLong();
        }
        return new FaultRule(UUID.randomUUID().toString(), new Match(tenantId, method, pathPattern, Glob.compile(pathPattern)),
                new Action(status, retryAfter, latency == null ? 0 : latency, drop, rate, count, nth), seed);
    }

    private static void only(JsonNode n, String where, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw new IllegalArgumentException("unknown field '" + f + "' in " + where);
        }
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException("'" + field + "' is required");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        return v.asText();
    }

    private static Integer integer(JsonNode n, String field, int min, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new IllegalArgumentException("'" + field + "' must be an integer from " + min + " to " + max);
        }
        return v.asInt();
    }

    /** The rule as JSON, in the shape it was given plus its id. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("id", id);
        ObjectNode m = n.putObject("match");
        if (match.tenantId() != null) m.put("tenant", match.tenantId());
        if (match.method() != null) m.put("method", match.method());
        m.put("pathPattern", match.pathPattern());
        ObjectNode a = n.putObject("action");
        if (action.status() != null) a.put("status", action.status());
        if (action.retryAfterSeconds() != null) a.put("retryAfterSeconds", action.retryAfterSeconds());
        if (action.latencyMs() > 0) a.put("latencyMs", action.latencyMs());
        if (action.dropResponse()) a.put("dropResponse", true);
        if (action.rate() != null) a.put("rate", action.rate());
        if (action.count() != null) a.put("count", action.count());
        if (action.nth() != null) a.put("nth", action.nth());
        if (seed != null) n.put("seed", seed);
        return n;
    }
}
