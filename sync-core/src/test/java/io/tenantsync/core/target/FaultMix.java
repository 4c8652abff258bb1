package io.tenantsync.core.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.graph.RequestJournal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Issue 7's fault mix on one emulated tenant's Graph: 10 % of requests answered 429 with {@code Retry-After: 1}, 1 %
 * answered 500, 1 % answered 503, and 1 % of writes committed and then answered 504 as if the response were lost.
 * Each rule has its own seed, derived from one seed the tests print, so a failing run's sequence of decisions can be
 * replayed (which request gets which decision still depends on the order concurrent requests arrive in).
 *
 * <p>The emulator tries rules in order and the first that hits a request answers it; each later rule's rate is
 * therefore divided by the share the earlier ones leave, so the rates are those of all requests, not of the rest.
 */
public final class FaultMix {

    public static final double THROTTLED = 0.10;
    public static final double SERVER_ERROR = 0.01;
    public static final double UNAVAILABLE = 0.01;
    public static final double DROPPED_WRITES = 0.01;
    public static final int RETRY_AFTER_SECONDS = 1;

    /** The seed CI runs with; another run's seed is given with {@code -Dtenantsync.faults.seed=N}. */
    public static final long DEFAULT_SEED = 20_261_123L;

    private static final List<String> WRITES = List.of("POST", "PATCH", "PUT", "DELETE");
    private static final Set<Integer> FAULT_STATUSES = Set.of(429, 500, 503, 504);

    private FaultMix() {
    }

    /**
     * This run's seed: {@code -Dtenantsync.faults.seed}, else {@link #DEFAULT_SEED}, so that the k-th request each rule
     * looks at gets the same decision on every run (which request is k-th still depends on thread timing).
     */
    public static long seed() {
        return Long.getLong("tenantsync.faults.seed", DEFAULT_SEED);
    }

    /** Puts the mix on every Graph request of {@code tenant} ({@code contoso} or {@code fabrikam}). */
    public static void apply(EmulatedTenants tenants, String tenant, long seed) {
        double left = 1;
        tenants.addFault(rule(tenant, null, "\"status\":429,\"retryAfterSeconds\":" + RETRY_AFTER_SECONDS,
                THROTTLED / left, seed));
        left -= THROTTLED;
        tenants.addFault(rule(tenant, null, "\"status\":500", SERVER_ERROR / left, seed + 1));
        left -= SERVER_ERROR;
        tenants.addFault(rule(tenant, null, "\"status\":503", UNAVAILABLE / left, seed + 2));
        left -= UNAVAILABLE;
        for (int i = 0; i < WRITES.size(); i++) {
            // the methods exclude each other, so each write rule sees every write the rules above let through
            tenants.addFault(rule(tenant, WRITES.get(i), "\"dropResponse\":true", DROPPED_WRITES / left, seed + 3 + i));
        }
    }

    private static String rule(String tenant, String method, String effect, double rate, long seed) {
        String match = "\"tenant\":\"" + tenant + "\"," + (method == null ? "" : "\"method\":\"" + method + "\",")
                + "\"pathPattern\":\"/v1.0/**\"";
        return "{\"match\":{" + match + "},\"action\":{" + effect + ",\"rate\":" + rate + "},\"seed\":" + seed + "}";
    }

    /**
     * What the journal shows of the faults a tenant's Graph answered after {@code mark}: injected statuses by kind
     * (nothing else in these tests answers 429, 500, 503 or 504: throttling is off) and the dropped responses among
     * them, the 504s.
     *
     * @param requests   Graph requests to the tenant, faulted or not
     * @param dropped    writes committed whose response was replaced by 504
     */
    public record Injected(long requests, long throttled, long serverErrors, long unavailable, long dropped) {

        public static Injected since(EmulatedTenants tenants, long mark, UUID tenantId) {
            long requests = 0;
            long[] byStatus = new long[600];
            for (RequestJournal.Entry entry : tenants.server.components().journal().since(mark)) {
                boolean graph = entry.path().startsWith("/v1.0") || entry.path().startsWith("$batch>/v1.0");
                if (!tenantId.toString().equals(entry.tenantId()) || !graph) {
                    continue;
                }
                requests++;
                if (FAULT_STATUSES.contains(entry.status())) {
                    byStatus[entry.status()]++;
                }
            }
            return new Injected(requests, byStatus[429], byStatus[500], byStatus[503], byStatus[504]);
        }

        /**
         * The same faults as the emulator's fault rules count them ({@code GET /_emulator/faults}), for rules added by
         * {@link #apply}; equal to the journal's figures when the emulator answered no 500 of its own.
         */
        public static Injected byRules(EmulatedTenants tenants) {
            long[] byStatus = new long[600];
            try {
                for (JsonNode rule : new ObjectMapper().readTree(tenants.faults()).path("value")) {
                    JsonNode action = rule.path("action");
                    int status = action.path("dropResponse").asBoolean() ? 504 : action.path("status").asInt();
                    byStatus[status] += rule.path("injected").asLong();
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("GET /_emulator/faults answered no JSON", e);
            }
            return new Injected(-1, byStatus[429], byStatus[500], byStatus[503], byStatus[504]);
        }

        /** The counts by kind, without the request count. */
        public List<Long> byKind() {
            return List.of(throttled, serverErrors, unavailable, dropped);
        }

        public long total() {
            return throttled + serverErrors + unavailable + dropped;
        }

        @Override
        public String toString() {
            return String.format("%d Graph requests to the target, %d faults injected: %d × 429 (%.1f %%), "
                            + "%d × 500, %d × 503, %d writes committed with the response dropped (504)", requests,
                    total(), throttled, 100.0 * throttled / Math.max(1, requests), serverErrors, unavailable, dropped);
        }
    }
}
