package io.tenantsync.core.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A connection's trust decision, re-evaluated at most once per time-to-live: reading both tenants' policies is
 * Graph calls, and provisioning asks for the decision once per user. A withdrawn consent is seen within the TTL.
 * A failed read is not cached, so the next caller tries again.
 */
public final class TrustCache implements Supplier<TrustDecision> {
    private final Supplier<TrustDecision> evaluate;
    private final Duration ttl;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(TrustDecision decision, Instant until) {}

    public TrustCache(Supplier<TrustDecision> evaluate, Duration ttl, Clock clock) {
        this.evaluate = evaluate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public TrustDecision get() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.until())) {
            return current.decision();
        }
        TrustDecision decision = evaluate.get();
        cached = new Cached(decision, now.plus(ttl));
        return decision;
    }
}
