package io.tenantsync.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrustCacheTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };

    @Test
    void aDecisionIsReusedWithinItsTimeToLiveAndReadAgainAfter() {
        AtomicInteger reads = new AtomicInteger();
        TrustCache cache = new TrustCache(() -> { reads.incrementAndGet(); return TrustDecision.allow(); },
                Duration.ofSeconds(15), clock);
        cache.get();
        now.set(now.get().plusSeconds(14));
        cache.get();
        assertThat(reads).hasValue(1);
        now.set(now.get().plusSeconds(1));
        cache.get();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadIsNotCached() {
        AtomicInteger reads = new AtomicInteger();
        TrustCache cache = new TrustCache(() -> {
            if (reads.incrementAndGet() == 1) throw new IllegalStateException("target down");
            return TrustDecision.allow();
        }, Duration.ofSeconds(15), clock);
        assertThatThrownBy(cache::get).hasMessage("target down");
        assertThat(cache.get().allowed()).isTrue();
    }
}
