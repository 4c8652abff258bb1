package io.tenantsync.emulator.throttle;

import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphPipeline;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Throttles Graph requests with token buckets per tenant and per app+tenant, as configured at run time
 * ({@link ThrottleSettings}). Inner {@code $batch} requests are charged one by one; the {@code $batch} envelope itself
 * costs nothing. Every response carries {@code x-ms-resource-unit}; throttled ones are 429 {@code TooManyRequests} with
 * {@code Retry-After} (whole seconds until enough budget has refilled), {@code x-ms-throttle-scope} and
 * {@code x-ms-throttle-information}. A throttled request consumes no budget.
 */
public final class Throttling implements GraphPipeline.Interceptor {
    /** Microsoft's tenant size classes for the app+tenant RU limit, per 10 seconds. */
    public enum SizeClass {
        S(3_500), M(5_000), L(8_000);

        private final int resourceUnitsPer10s;

        SizeClass(int ru) { this.resourceUnitsPer10s = ru; }

        public int resourceUnitsPer10s() { return resourceUnitsPer10s; }

        /** Under 50 users S, 50 to 500 M, above 500 L. */
        public static SizeClass of(int liveUsers) {
            return liveUsers < 50 ? S : liveUsers <= 500 ? M : L;
        }
    }

    public static final int APP_TENANT_WRITES = 3_000;
    public static final double APP_TENANT_WRITE_WINDOW_SECONDS = 150;
    public static final int TENANT_WRITES = 18_000;
    public static final double TENANT_WRITE_WINDOW_SECONDS = 300;
    public static final double RU_WINDOW_SECONDS = 10;

    /** Why a request was refused. {@code retryAfterSeconds} is null when the profile omits the header on purpose. */
    public record Throttled(Integer retryAfterSeconds, String scope, String information) {}

    /** The outcome for one request: its cost, whether it was refused, and how much of its RU budget is now used. */
    public record Decision(RequestCost cost, Throttled throttled, double usedShare) {}

    private record Charge(TokenBucket bucket, double amount, String scope, String information) {}

    private final ToIntFunction<String> liveUsers;
    private final LongSupplier nanos;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private volatile ThrottleSettings settings = ThrottleSettings.OFF;

    /**
     * @param liveUsers live user count of a tenant id (cached by the caller, see {@link TenantSizes})
     * @param nanos     monotonic time in nanoseconds
     */
    public Throttling(ToIntFunction<String> liveUsers, LongSupplier nanos) {
        this.liveUsers = liveUsers;
        this.nanos = nanos;
    }

    public ThrottleSettings settings() { return settings; }

    /** Switches profile; every bucket starts full again. */
    public synchronized void configure(ThrottleSettings s) {
        settings = s;
        buckets.clear();
    }

    /** Back to the start state: profile off, no buckets, tenant sizes counted afresh. */
    public void reset() {
        configure(ThrottleSettings.OFF);
        forgetTenantSizes();
    }

    /** Tenant sizes changed in bulk (seeding): count them afresh on the next request. */
    public void forgetTenantSizes() {
        if (liveUsers instanceof TenantSizes t) t.forget();
    }

    /** Charges one request to its buckets, or refuses it without charging anything. */
    public Decision admit(String tenantId, String appId, GraphRequest req) {
        RequestCost cost = RequestCost.of(req);
        ThrottleSettings s = settings;
        if (s.profile() == ThrottleSettings.Profile.OFF) return new Decision(cost, null, 0);
        SizeClass size = s.profile() == ThrottleSettings.Profile.GRAPH_DOCUMENTED ? SizeClass.of(liveUsers.applyAsInt(tenantId)) : null;
        synchronized (this) {
            if (settings != s) return admit(tenantId, appId, req); // reconfigured meanwhile: charge the new profile
            long now = nanos.getAsLong();
            List<Charge> charges = s.profile() == ThrottleSettings.Profile.GRAPH_DOCUMENTED
                    ? documented(tenantId, appId, cost, size, now) : custom(s.custom(), tenantId, appId, cost, now);
            double wait = 0;
            Charge worst = null;
            for (Charge c : charges) {
                double w = c.bucket().secondsUntil(c.amount(), now);
                if (w > wait) {
                    wait = w;
                    worst = c;
                }
            }
            if (worst != null) {
                boolean send = s.custom() == null || s.custom().sendRetryAfter();
                Integer retryAfter = send ? (int) Math.max(1, Math.ceil(wait)) : null;
                return new Decision(cost, new Throttled(retryAfter, worst.scope(), worst.information()), 1);
            }
            for (Charge c : charges) c.bucket().take(c.amount(), now);
            return new Decision(cost, null, charges.get(0).bucket().usedShare(now));
        }
    }

    private List<Charge> documented(String tenantId, String appId, RequestCost cost, SizeClass size, long now) {
        List<Charge> out = new ArrayList<>(3);
        out.add(new Charge(bucket("ru|" + size + "|" + tenantId + "|" + appId, size.resourceUnitsPer10s(), RU_WINDOW_SECONDS, now),
                cost.resourceUnits(), "Tenant_Application/ReadWrite/" + appId + "/" + tenantId, "ResourceUnitLimitExceeded"));
        if (cost.writes() > 0) {
            out.add(new Charge(bucket("w|" + tenantId + "|" + appId, APP_TENANT_WRITES, APP_TENANT_WRITE_WINDOW_SECONDS, now),
                    cost.writes(), "Tenant_Application/Write/" + appId + "/" + tenantId, "WriteLimitExceeded"));
            out.add(new Charge(bucket("tw|" + tenantId, TENANT_WRITES, TENANT_WRITE_WINDOW_SECONDS, now),
                    cost.writes(), "Tenant/Write/" + appId + "/" + tenantId, "WriteLimitExceeded"));
        }
        return out;
    }

    private List<Charge> custom(ThrottleSettings.Custom c, String tenantId, String appId, RequestCost cost, long now) {
        boolean perTenant = c.scope() == ThrottleSettings.Scope.TENANT;
        String key = perTenant ? tenantId : tenantId + "|" + appId;
        String scope = perTenant ? "Tenant" : "Tenant_Application";
        List<Charge> out = new ArrayList<>(2);
        out.add(new Charge(buckets.computeIfAbsent("cr|" + key, k -> new TokenBucket(c.burst(), c.requestsPerSecond(), now)),
                1, scope + "/ReadWrite/" + appId + "/" + tenantId, "RequestLimitExceeded"));
        if (c.writesPerSecond() > 0 && cost.writes() > 0) {
            out.add(new Charge(buckets.computeIfAbsent("cw|" + key, k -> new TokenBucket(c.writeBurst(), c.writesPerSecond(), now)),
                    1, scope + "/Write/" + appId + "/" + tenantId, "WriteLimitExceeded"));
        }
        return out;
    }

    private TokenBucket bucket(String key, long limit, double windowSeconds, long now) {
        return buckets.computeIfAbsent(key, k -> TokenBucket.perWindow(limit, windowSeconds, now));
    }

    @Override
    public GraphResponse intercept(GraphPipeline.Chain chain) {
        GraphRequest req = chain.request();
        Caller caller = chain.caller();
        if (!chain.inner() && req.segments().size() == 1 && req.segments().get(0).equalsIgnoreCase("$batch")) {
            return chain.proceed(req, caller); // the envelope is free; its inner requests pay
        }
        Decision d = admit(caller.tenantId(), caller.appId(), req);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-resource-unit", Integer.toString(d.cost().resourceUnits()));
        if (d.throttled() != null) {
            Throttled t = d.throttled();
            if (t.retryAfterSeconds() != null) headers.put("Retry-After", Integer.toString(t.retryAfterSeconds()));
            headers.put("x-ms-throttle-scope", t.scope());
            headers.put("x-ms-throttle-information", t.information());
            throw new GraphException(429, "TooManyRequests", "Please retry again later.", headers);
        }
        if (d.usedShare() > 0.8 && settings.profile() == ThrottleSettings.Profile.GRAPH_DOCUMENTED) {
            headers.put("x-ms-throttle-limit-percentage", String.format(Locale.ROOT, "%.1f", d.usedShare()));
        }
        GraphResponse res;
        try {
            res = chain.proceed(req, caller);
        } catch (GraphException e) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.putAll(e.headers());
            throw new GraphException(e.status(), e.code(), e.getMessage(), h);
        }
        for (var e : headers.entrySet()) res = res.withHeader(e.getKey(), e.getValue());
        return res;
    }
}
