package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CachingTokenCredentialTest {

    /** A clock tests move by hand. */
    static final class SettableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Issues numbered tokens living {@code lifetime}, counting requests. */
    static class CountingCredential implements TokenCredential {
        final AtomicInteger requests = new AtomicInteger();
        final Clock clock;
        final Duration lifetime;

        CountingCredential(Clock clock, Duration lifetime) {
            this.clock = clock;
            this.lifetime = lifetime;
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext context) {
            return Mono.fromCallable(() -> getTokenSync(context));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext context) {
            int n = requests.incrementAndGet();
            return new AccessToken("token-" + n, clock.instant().plus(lifetime).atOffset(ZoneOffset.UTC));
        }
    }

    static TokenRequestContext graph() {
        return new TokenRequestContext().addScopes("https://graph.microsoft.com/.default");
    }

    @Test
    void oneTokenServesEveryRequestUntilFiveMinutesBeforeItExpires() {
        SettableClock clock = new SettableClock();
        CountingCredential issuer = new CountingCredential(clock, Duration.ofMinutes(60));
        CachingTokenCredential cache = new CachingTokenCredential(issuer, clock);

        assertThat(cache.getTokenSync(graph()).getToken()).isEqualTo("token-1");
        clock.now = clock.now.plus(Duration.ofMinutes(54));
        assertThat(cache.getTokenSync(graph()).getToken()).isEqualTo("token-1");
        assertThat(cache.getToken(graph()).block().getToken()).isEqualTo("token-1");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(cache.getTokenSync(graph()).getToken()).isEqualTo("token-2");
        assertThat(issuer.requests).hasValue(2);
    }

    @Test
    void aShortLivedTokenIsRefreshedAtHalfItsLifetime() {
        SettableClock clock = new SettableClock();
        CountingCredential issuer = new CountingCredential(clock, Duration.ofMinutes(4));
        CachingTokenCredential cache = new CachingTokenCredential(issuer, clock);

        cache.getTokenSync(graph());
        clock.now = clock.now.plus(Duration.ofSeconds(119));
        assertThat(cache.getTokenSync(graph()).getToken()).isEqualTo("token-1");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(cache.getTokenSync(graph()).getToken()).isEqualTo("token-2");
    }

    @Test
    void tokensForOtherScopesOrClaimsAreCachedApart() {
        SettableClock clock = new SettableClock();
        CountingCredential issuer = new CountingCredential(clock, Duration.ofMinutes(60));
        CachingTokenCredential cache = new CachingTokenCredential(issuer, clock);

        cache.getTokenSync(graph());
        cache.getTokenSync(graph().setClaims("{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}"));
        cache.getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.us/.default"));
        cache.getTokenSync(graph());
        assertThat(issuer.requests).hasValue(3);
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        SettableClock clock = new SettableClock();
        CountDownLatch release = new CountDownLatch(1);
        CountingCredential slow = new CountingCredential(clock, Duration.ofMinutes(60)) {
            @Override
            public AccessToken getTokenSync(TokenRequestContext context) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.getTokenSync(context);
            }
        };
        CachingTokenCredential cache = new CachingTokenCredential(slow, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tokens.add(pool.submit(() -> cache.getTokenSync(graph()).getToken()));
            }
            Thread.sleep(100);
            release.countDown();
            for (Future<String> token : tokens) {
                assertThat(token.get(5, TimeUnit.SECONDS)).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(slow.requests).hasValue(1);
    }
}
