package io.tenantsync.core.target;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient a Graph client is.
 *
 * @param requestTimeout how long one attempt may take to connect, send or wait for data; retries get their own
 * @param maxRetries     how many times the SDK's retry handler repeats a request answered 429, 503 or 504 (waiting
 *                       what {@code Retry-After} says) before the failure surfaces; 0 to 10
 */
public record GraphClientOptions(Duration requestTimeout, int maxRetries) {

    /** The SDK's own retry ceiling. */
    public static final int MAX_RETRIES = 10;

    public static final GraphClientOptions DEFAULTS = new GraphClientOptions(Duration.ofSeconds(30), 3);

    public GraphClientOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, not " + requestTimeout);
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be 0 to " + MAX_RETRIES + ", not " + maxRetries);
        }
    }
}
