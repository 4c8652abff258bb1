package io.tenantsync.core.target;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * One connection's pace under throttling. Graph counts throttling per app and tenant, so once it answers 429 with a
 * {@code Retry-After}, every request of the connection would be throttled too until then: this holds them all, not only
 * the one that was refused. As an OkHttp interceptor (below the SDK's retry handler, so it sees each attempt) it reads
 * the 429s of plain requests and holds each request until the pause is over; {@link GraphBatcher} reports the 429s
 * that come back inside a {@code $batch}.
 */
final class ThrottlePacing implements Interceptor {

    /** {@link System#nanoTime} before which no request is sent. */
    private long pausedUntil = System.nanoTime();

    /** Holds the connection's requests for {@code wait} from now, unless an earlier 429 holds them longer. */
    synchronized void pauseFor(Duration wait) {
        pausedUntil = Math.max(pausedUntil, System.nanoTime() + wait.toNanos());
    }

    /** How long requests are still held: zero or negative when they may go. */
    synchronized Duration remaining() {
        return Duration.ofNanos(pausedUntil - System.nanoTime());
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Duration wait = remaining();
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the target's Retry-After ran");
            }
        }
        Response response = chain.proceed(chain.request());
        if (response.code() == 429) {
            Duration asked = GraphBatcher.retryAfter(response.header("Retry-After"));
            pauseFor(asked);
        }
        return response;
    }
}
