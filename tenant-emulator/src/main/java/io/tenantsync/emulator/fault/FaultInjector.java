package io.tenantsync.emulator.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphPipeline;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * Injects the faults of the active {@link FaultRule}s into Graph requests, outer and inner {@code $batch} ones alike.
 * Rules are tried in the order they were added; the first that matches a request and decides to hit it applies, and
 * later rules do not see that request. Randomness comes from the injected generator (or a rule's own seed), so tests
 * are deterministic.
 */
public final class FaultInjector implements GraphPipeline.Interceptor {
    /** Pauses the current thread; injectable so unit tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** A rule with its run-time state. */
    private static final class Active {
        final FaultRule rule;
        final RandomGenerator random;
        long matched;
        long injected;

        Active(FaultRule rule, RandomGenerator random) {
            this.rule = rule;
            this.random = random;
        }

        /** Counts one matching request and says whether to hit it. */
        synchronized boolean hit() {
            long n = ++matched;
            FaultRule.Action a = rule.action();
            boolean hit;
            if (a.count() != null) hit = n <= a.count();
            else if (a.nth() != null) hit = n == a.nth();
            else if (a.rate() != null) hit = random.nextDouble() < a.rate();
            else hit = true;
            if (hit) injected++;
            return hit;
        }

        synchronized ObjectNode toJson(ObjectMapper json) {
            ObjectNode n = rule.toJson(json);
            n.put("matched", matched);
            n.put("injected", injected);
            return n;
        }
    }

    private final RandomGenerator shared;
    private final Sleeper sleeper;
    private final List<Active> rules = new CopyOnWriteArrayList<>();

    public FaultInjector(RandomGenerator random, Sleeper sleeper) {
        this.shared = random;
        this.sleeper = sleeper;
    }

    public void add(FaultRule rule) {
        RandomGenerator r = rule.seed() != null ? new SplittableRandom(rule.seed()) : new LockedRandom(shared);
        rules.add(new Active(rule, r));
    }

    /** Removes a rule; false when no rule has that id. */
    public boolean remove(String id) {
        return rules.removeIf(a -> a.rule.id().equals(id));
    }

    public void clear() {
        rules.clear();
    }

    /** Every rule with its counters ({@code matched}, {@code injected}), in evaluation order. */
    public List<ObjectNode> list(ObjectMapper json) {
        return rules.stream().map(a -> a.toJson(json)).toList();
    }

    public Optional<ObjectNode> get(String id, ObjectMapper json) {
        return rules.stream().filter(a -> a.rule.id().equals(id)).findFirst().map(a -> a.toJson(json));
    }

    @Override
    public GraphResponse intercept(GraphPipeline.Chain chain) {
        GraphRequest req = chain.request();
        Caller caller = chain.caller();
        if (rules.isEmpty()) return chain.proceed(req, caller);
        String path = "/" + req.version() + "/" + req.path();
        FaultRule.Action action = null;
        for (Active a : rules) {
            if (a.rule.match().test(caller.tenantId(), req.method(), path) && a.hit()) {
                action = a.rule.action();
                break;
            }
        }
        if (action == null) return chain.proceed(req, caller);
        if (action.latencyMs() > 0) pause(action.latencyMs());
        if (action.status() != null) throw fault(action.status(), action.retryAfterSeconds());
        if (action.dropResponse()) {
            try {
                chain.proceed(req, caller);
            } catch (GraphException ignored) {
                // the outcome is what was lost: the client sees a timeout either way
            }
            throw lost();
        }
        return chain.proceed(req, caller);
    }

    private void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Graph error an injected status is answered with. */
    static GraphException fault(int status, Integer retryAfterSeconds) {
        Map<String, String> headers = retryAfterSeconds == null ? Map.of() : Map.of("Retry-After", Integer.toString(retryAfterSeconds));
        return switch (status) {
            case 429 -> new GraphException(429, "TooManyRequests", "Please retry again later.", headers);
            case 500 -> new GraphException(500, "generalException", "An internal server error occurred.", headers);
            case 503 -> new GraphException(503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.", headers);
            case 504 -> new GraphException(504, "GatewayTimeout", "The gateway did not receive a timely response.", headers);
            default -> throw new IllegalArgumentException("no injected fault for status " + status);
        };
    }

    private static GraphException lost() {
        return new GraphException(504, "GatewayTimeout", "The gateway did not receive a timely response.");
    }

    /** Serialises use of the shared generator, which need not be thread-safe. */
    private record LockedRandom(RandomGenerator delegate) implements RandomGenerator {
        @Override
        public long nextLong() {
            synchronized (delegate) {
                return delegate.nextLong();
            }
        }

        @Override
        public double nextDouble() {
            synchronized (delegate) {
                return delegate.nextDouble();
            }
        }
    }
}
