package io.tenantsync.gateway.auth;

import io.tenantsync.gateway.GatewayFixture;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.server.GatewayServer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** A connection's rate limit: its clients get 429 with Retry-After past the burst; other connections are untouched. */
class RateLimitTest {
    @Test
    void pastItsBurstAConnectionGets429WithRetryAfterAndAnotherConnectionIsUnaffected() throws Exception {
        String a = SecretHash.newSecret(new SecureRandom());
        String b = SecretHash.newSecret(new SecureRandom());
        // one request per 100 s: the bucket cannot refill while the test runs, however slow the machine
        GatewayConfig limited = GatewayConfig.parse(GatewayFixture.configYaml(a, b)
                .replace("    provisioningWait: PT2S\n", "    provisioningWait: PT2S\n    rateLimit: {requestsPerSecond: 0.01, burst: 2}\n"));
        assertThat(limited.connection("alpha").orElseThrow().limit()).isPresent();
        try (GatewayFixture gw = GatewayFixture.start(a, b,
                o -> new GatewayServer.Options(limited, o.port(), o.dataDir(), o.provisioning(), o.limits(), o.tls()), Optional.empty())) {
            gw.alpha().get("/Users").then().statusCode(200);
            gw.alpha().get("/Users").then().statusCode(200);
            gw.alpha().get("/Users").then().statusCode(429)
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo("429"))
                    .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"));
            String retryAfter = gw.alpha().get("/Users").then().statusCode(429).extract().header("Retry-After");
            assertThat(Long.parseLong(retryAfter)).isBetween(1L, 100L);
            for (int i = 0; i < 5; i++) gw.beta().get("/Users").then().statusCode(200);
        }
    }

    @Test
    void theBucketRefillsAtItsRate() throws Exception {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(now::get);
        var connection = GatewayConfig.parse(GatewayFixture.configYaml("x", "y")
                .replace("    provisioningWait: PT2S\n", "    provisioningWait: PT2S\n    rateLimit: {requestsPerSecond: 2, burst: 1}\n"))
                .connection("alpha").orElseThrow();
        assertThat(limiter.retryAfter(connection)).isEmpty();
        assertThat(limiter.retryAfter(connection)).contains(1L);
        now.addAndGet(500_000_000L); // half a second at 2/s is one request
        assertThat(limiter.retryAfter(connection)).isEmpty();
        assertThat(limiter.retryAfter(connection)).isPresent();
    }
}
