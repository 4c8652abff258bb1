package io.tenantsync.emulator.throttle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Set;

/**
 * The throttling profile set through {@code /_emulator/throttle}. JSON shapes:
 * <pre>
 * {"profile": "off"}
 * {"profile": "graph-documented"}
 * {"profile": "custom", "requestsPerSecond": 5, "burst": 10, "writesPerSecond": 1, "writeBurst": 2,
 *  "scope": "appTenant" | "tenant", "sendRetryAfter": true}
 * </pre>
 * Custom limits charge 1 per request (and 1 per write to the optional write bucket); {@code burst} defaults to
 * {@code requestsPerSecond} rounded up, {@code writeBurst} to {@code writesPerSecond} rounded up, {@code scope} to
 * {@code appTenant}; {@code sendRetryAfter: false} reproduces the limits Microsoft documents as answering 429 without
 * {@code Retry-After}.
 */
public record ThrottleSettings(Profile profile, Custom custom) {
    public enum Profile {
        OFF("off"), CUSTOM("custom"), GRAPH_DOCUMENTED("graph-documented");

        private final String wire;

        Profile(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        static Profile parse(String s) {
            for (Profile p : values()) if (p.wire.equals(s)) return p;
            throw new IllegalArgumentException("profile must be one of off, custom, graph-documented");
        }
    }

    /** Whether a custom bucket is shared by all apps of a tenant or kept per app and tenant. */
    public enum Scope { APP_TENANT, TENANT }

    /** Custom limits; {@code writesPerSecond} is 0 when writes have no separate limit. */
    public record Custom(double requestsPerSecond, double burst, double writesPerSecond, double writeBurst, Scope scope,
                         boolean sendRetryAfter) {}

    public static final ThrottleSettings OFF = new ThrottleSettings(Profile.OFF, null);

    private static final Set<String> CUSTOM_FIELDS = Set.of("profile", "requestsPerSecond", "burst", "writesPerSecond",
            "writeBurst", "scope", "sendRetryAfter");

    /** Parses and validates a settings body; {@link IllegalArgumentException} with a client-facing message when invalid. */
    public static ThrottleSettings parse(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("body must be a JSON object with a 'profile'");
        JsonNode p = n.get("profile");
        if (p == null || !p.isTextual()) throw new IllegalArgumentException("'profile' is required: off, custom or graph-documented");
        Profile profile = Profile.parse(p.asText());
        if (profile != Profile.CUSTOM) {
            rejectUnknown(n, Set.of("profile"));
            return new ThrottleSettings(profile, null);
        }
        rejectUnknown(n, CUSTOM_FIELDS);
        double rps = positive(n, "requestsPerSecond", true, 0);
        double burst = positive(n, "burst", false, Math.ceil(rps));
        double wps = n.has("writesPerSecond") ? positive(n, "writesPerSecond", true, 0) : 0;
        double writeBurst = wps > 0 ? positive(n, "writeBurst", false, Math.ceil(wps)) : 0;
        if (wps == 0 && n.has("writeBurst")) throw new IllegalArgumentException("'writeBurst' needs 'writesPerSecond'");
        Scope scope = Scope.APP_TENANT;
        if (n.has("scope")) {
            String s = n.get("scope").isTextual() ? n.get("scope").asText() : "";
            scope = switch (s) {
                case "appTenant" -> Scope.APP_TENANT;
                case "tenant" -> Scope.TENANT;
                default -> throw new IllegalArgumentException("'scope' must be appTenant or tenant");
            };
        }
        boolean sendRetryAfter = true;
        if (n.has("sendRetryAfter")) {
            if (!n.get("sendRetryAfter").isBoolean()) throw new IllegalArgumentException("'sendRetryAfter' must be true or false");
            sendRetryAfter = n.get("sendRetryAfter").asBoolean();
        }
        return new ThrottleSettings(profile, new Custom(rps, burst, wps, writeBurst, scope, sendRetryAfter));
    }

    private static void rejectUnknown(JsonNode n, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw new IllegalArgumentException("unknown field '" + f + "' for this profile");
        }
    }

    private static double positive(JsonNode n, String field, boolean required, double dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException("'" + field + "' is required");
            return Math.max(1, dflt);
        }
        if (!v.isNumber() || !(v.asDouble() > 0) || v.asDouble() > 1_000_000) {
            throw new IllegalArgumentException("'" + field + "' must be a number above 0 and at most 1000000");
        }
        return v.asDouble();
    }

    /** The settings as JSON, defaults filled in. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("profile", profile.wire());
        if (custom != null) {
            n.put("requestsPerSecond", custom.requestsPerSecond());
            n.put("burst", custom.burst());
            if (custom.writesPerSecond() > 0) {
                n.put("writesPerSecond", custom.writesPerSecond());
                n.put("writeBurst", custom.writeBurst());
            }
            n.put("scope", custom.scope() == Scope.TENANT ? "tenant" : "appTenant");
            n.put("sendRetryAfter", custom.sendRetryAfter());
        }
        return n;
    }
}
