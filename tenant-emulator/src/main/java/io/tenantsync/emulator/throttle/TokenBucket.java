package io.tenantsync.emulator.throttle;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills continuously at {@code refillPerSecond}, and starts full.
 * Time is passed in as monotonic nanoseconds so the arithmetic is testable without sleeping. Not thread-safe: the owner
 * serialises access.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double refillPerSecond;
    private double tokens;
    private long updatedAt;

    public TokenBucket(double capacity, double refillPerSecond, long nowNanos) {
        if (!(capacity > 0) || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("capacity and refill rate must be positive");
        }
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.tokens = capacity;
        this.updatedAt = nowNanos;
    }

    /** A bucket allowing {@code limit} units per {@code windowSeconds}, refilled evenly over the window. */
    public static TokenBucket perWindow(long limit, double windowSeconds, long nowNanos) {
        return new TokenBucket(limit, limit / windowSeconds, nowNanos);
    }

    public double capacity() { return capacity; }

    /** Tokens available now. */
    public double available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    /**
     * Seconds until {@code cost} tokens are available (0 when they are now). A cost above the capacity is treated as the
     * capacity, so a single expensive request can always eventually pass.
     */
    public double secondsUntil(double cost, long nowNanos) {
        refill(nowNanos);
        double need = Math.min(cost, capacity) - tokens;
        return need <= 0 ? 0 : need / refillPerSecond;
    }

    /** Takes {@code cost} tokens (capped at the capacity); callers check {@link #secondsUntil} first. */
    public void take(double cost, long nowNanos) {
        refill(nowNanos);
        tokens = Math.max(0, tokens - Math.min(cost, capacity));
    }

    /** Share of the capacity in use, 0..1. */
    public double usedShare(long nowNanos) {
        refill(nowNanos);
        return 1 - tokens / capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / NANOS_PER_SECOND * refillPerSecond);
            updatedAt = nowNanos;
        }
    }
}
