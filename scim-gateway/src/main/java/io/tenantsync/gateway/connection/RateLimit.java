package io.tenantsync.gateway.connection;

/**
 * How fast one connection's SCIM clients may call: a token bucket refilled at {@code requestsPerSecond} holding at
 * most {@code burst} requests. Requests beyond it get 429 with {@code Retry-After}.
 */
public record RateLimit(double requestsPerSecond, int burst) {
    public RateLimit {
        if (!(requestsPerSecond > 0)) throw new IllegalArgumentException("rateLimit.requestsPerSecond must be positive");
        if (burst < 1) throw new IllegalArgumentException("rateLimit.burst must be at least 1");
    }
}
