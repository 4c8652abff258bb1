package io.tenantsync.gateway.auth;

import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.RateLimit;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** One token bucket per rate-limited connection; a connection's clients share its bucket, no other's. */
public final class RateLimiter {
    private static final class Bucket {
        private final RateLimit limit;
        private double tokens;
        private long lastNanos;

        Bucket(RateLimit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.lastNanos = now;
        }

        /** Takes a token, or returns how many whole seconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - lastNanos) / 1e9 * limit.requestsPerSecond());
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limit.requestsPerSecond()));
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Empty when the request may go ahead, else the seconds to tell the client in {@code Retry-After}. */
    public Optional<Long> retryAfter(Connection connection) {
        if (connection.limit().isEmpty()) return Optional.empty();
        long now = nanoTime.getAsLong();
        long wait = buckets.computeIfAbsent(connection.id(), id -> new Bucket(connection.limit().get(), now)).take(now);
        return wait == 0 ? Optional.empty() : Optional.of(wait);
    }
}
