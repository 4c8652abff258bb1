package io.tenantsync.emulator.throttle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TokenBucketTest {
    static final long S = 1_000_000_000L;

    @Test
    void startsFullAndRefusesOnceEmptyUntilEnoughHasRefilled() {
        TokenBucket b = TokenBucket.perWindow(3_000, 150, 0); // 20 per second
        assertThat(b.available(0)).isEqualTo(3_000);
        for (int i = 0; i < 3_000; i++) {
            assertThat(b.secondsUntil(1, 0)).isZero();
            b.take(1, 0);
        }
        assertThat(b.secondsUntil(1, 0)).isCloseTo(0.05, within(1e-9));
        assertThat(b.secondsUntil(10, 0)).isCloseTo(0.5, within(1e-9));
        assertThat(b.secondsUntil(10, S / 4)).isCloseTo(0.25, within(1e-9));
        assertThat(b.secondsUntil(10, S / 2)).isZero();
    }

    @Test
    void refillNeverExceedsCapacity() {
        TokenBucket b = new TokenBucket(10, 2, 0);
        b.take(10, 0);
        assertThat(b.available(2 * S)).isCloseTo(4, within(1e-9));
        assertThat(b.available(3_600 * S)).isEqualTo(10);
        assertThat(b.usedShare(3_600 * S)).isZero();
    }

    @Test
    void aCostAboveCapacityWaitsForAFullBucketInsteadOfForever() {
        TokenBucket b = new TokenBucket(5, 1, 0);
        assertThat(b.secondsUntil(50, 0)).isZero();
        b.take(50, 0);
        assertThat(b.available(0)).isZero();
        assertThat(b.secondsUntil(50, 0)).isCloseTo(5, within(1e-9));
    }

    @Test
    void timeGoingBackwardsIsIgnored() {
        TokenBucket b = new TokenBucket(4, 1, 10 * S);
        b.take(4, 10 * S);
        assertThat(b.available(5 * S)).isZero();
        assertThat(b.available(11 * S)).isCloseTo(1, within(1e-9));
    }
}
