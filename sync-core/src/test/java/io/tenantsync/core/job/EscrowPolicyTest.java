package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.store.FailureKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Escrow retries of entra-semantics §3.5: which failures are retried, when, and when they are given up. */
class EscrowPolicyTest {

    static final Instant FIRST = Instant.parse("2026-03-01T00:00:00Z");
    final EscrowPolicy policy = EscrowPolicy.entra();

    @ParameterizedTest(name = "after {0} failures the next attempt waits {1}")
    @CsvSource({
            "1, PT40M",
            "2, PT1H20M",
            "3, PT2H40M",
            "4, PT5H20M",
            "5, PT10H40M",
            "6, PT21H20M",
            "7, PT24H",
            "30, PT24H",
    })
    void scheduleDoublesFrom40MinutesToADay(int attempts, Duration wait) {
        assertThat(policy.delayAfter(attempts)).isEqualTo(wait);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // behaviour                                              | kind         | attempts | retryAfter | now offset | verdict (retry wait, or GIVE_UP)
            "throttled is retried on the schedule                      | THROTTLED    | 1        |            | PT0S       | PT40M",
            "throttled waits longer when Retry-After says so          | THROTTLED    | 1        | PT2H       | PT0S       | PT2H",
            "a short Retry-After does not shorten the schedule         | THROTTLED    | 2        | PT30S      | PT0S       | PT1H20M",
            "unavailable honours Retry-After too                       | UNAVAILABLE  | 1        | PT1H       | PT0S       | PT1H",
            "unavailable is retried however often it failed            | UNAVAILABLE  | 50       |            | PT0S       | PT24H",
            "refused credentials are retried, not given up             | CREDENTIALS  | 10       |            | PT0S       | PT24H",
            "a bad request gets a second attempt                       | BAD_REQUEST  | 1        |            | PT0S       | PT40M",
            "a bad request gets a third attempt                        | BAD_REQUEST  | 2        |            | PT0S       | PT1H20M",
            "a bad request fails for good after three attempts         | BAD_REQUEST  | 3        |            | PT0S       | GIVE_UP",
            "a conflict fails for good after three attempts            | CONFLICT     | 3        |            | PT0S       | GIVE_UP",
            "a missing target object fails for good after three        | NOT_FOUND    | 3        |            | PT0S       | GIVE_UP",
            "forbidden fails for good after three attempts             | FORBIDDEN    | 3        |            | PT0S       | GIVE_UP",
            "anything still failing 28 days on is given up             | THROTTLED    | 5        |            | P28D       | GIVE_UP",
            "a day before 28 days it is still retried                  | UNAVAILABLE  | 5        |            | P27D       | PT10H40M",
    })
    void verdictRows(String behaviour, FailureKind kind, int attempts, Duration retryAfter, Duration sinceFirst,
                     String expected) {
        Instant now = FIRST.plus(sinceFirst);

        EscrowPolicy.Verdict verdict = policy.afterFailure(kind, attempts, FIRST, retryAfter, now);

        if (expected.equals("GIVE_UP")) {
            assertThat(verdict).isInstanceOf(EscrowPolicy.Verdict.GiveUp.class);
        } else {
            assertThat(verdict).isEqualTo(new EscrowPolicy.Verdict.Retry(now.plus(Duration.parse(expected))));
        }
    }

    @Test
    void giveUpSaysWhy() {
        assertThat(policy.afterFailure(FailureKind.CONFLICT, 3, FIRST, null, FIRST))
                .isEqualTo(new EscrowPolicy.Verdict.GiveUp("CONFLICT after 3 attempts"));
    }

    @Test
    void aShorterScheduleSuitsContinuousMode() {
        EscrowPolicy fast = new EscrowPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ofDays(28));

        assertThat(fast.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(fast.delayAfter(6)).isEqualTo(Duration.ofMinutes(10));
    }
}
