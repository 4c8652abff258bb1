package io.tenantsync.core.job;

import io.tenantsync.core.store.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a failed write is escrowed for retry or given up, and when it is retried (entra-semantics §3.5): retries at
 * gradually decreasing frequency — {@code firstRetry} (Entra: 40 minutes, the next cycle), doubling to at most
 * {@code maxInterval} — and never sooner than the service's {@code Retry-After}. Throttling, unavailability and refused
 * credentials are not the object's fault and are retried until {@code giveUpAfter} (Entra drops escrows after 28 days);
 * a refused request (bad request, conflict, not found, forbidden) is retried at most {@code requestRetries} times
 * in all before it fails for good, since the target may be fixed meanwhile but usually is not.
 *
 * @param firstRetry     the delay after the first failure
 * @param maxInterval    the longest delay between attempts
 * @param requestRetries how many failed attempts a refused request gets before it is given up
 * @param giveUpAfter    how long after the first failure any escrow is given up
 */
public record EscrowPolicy(Duration firstRetry, Duration maxInterval, int requestRetries, Duration giveUpAfter) {

    public EscrowPolicy {
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (firstRetry.isNegative() || firstRetry.isZero() || maxInterval.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retries wait a positive time, at most maxInterval");
        }
        if (requestRetries < 1) {
            throw new IllegalArgumentException("a refused request gets at least one attempt");
        }
    }

    /** Entra's: 40 minutes doubling to a day, refused requests after 3 attempts, everything after 28 days. */
    public static EscrowPolicy entra() {
        return new EscrowPolicy(Duration.ofMinutes(40), Duration.ofHours(24), 3, Duration.ofDays(28));
    }

    /** What to do with a write that failed. */
    public sealed interface Verdict {
        /** Keep it in escrow and try again at {@code nextAttempt}. */
        record Retry(Instant nextAttempt) implements Verdict {
        }

        /** Record a failure and stop retrying. */
        record GiveUp(String reason) implements Verdict {
        }
    }

    /** Whether failures of this kind are the object's own (retried a few times) or passing (retried until given up). */
    public static boolean transientKind(FailureKind kind) {
        return kind == FailureKind.THROTTLED || kind == FailureKind.UNAVAILABLE || kind == FailureKind.CREDENTIALS;
    }

    /**
     * The verdict on a write that has now failed {@code attempts} times, the first at {@code firstFailedAt}.
     *
     * @param retryAfter how long the service asked to wait, or null
     */
    public Verdict afterFailure(FailureKind kind, int attempts, Instant firstFailedAt, Duration retryAfter,
                                Instant now) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt failed");
        }
        if (!now.isBefore(firstFailedAt.plus(giveUpAfter))) {
            return new Verdict.GiveUp("still failing " + giveUpAfter.toDays() + " days after the first failure");
        }
        if (!transientKind(kind) && attempts >= requestRetries) {
            return new Verdict.GiveUp(kind + " after " + attempts + " attempts");
        }
        Duration wait = delayAfter(attempts);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return new Verdict.Retry(now.plus(wait));
    }

    /** The schedule's wait after {@code attempts} failures: firstRetry × 2^(attempts−1), capped. */
    public Duration delayAfter(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxInterval) > 0 ? maxInterval : wait;
    }
}
