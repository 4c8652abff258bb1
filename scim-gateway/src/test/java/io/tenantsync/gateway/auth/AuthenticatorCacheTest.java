package io.tenantsync.gateway.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tenantsync.gateway.GatewayFixture;
import io.tenantsync.gateway.connection.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** Verified credentials are remembered safely: per connection, only when valid, and a JWT no longer than it lives. */
class AuthenticatorCacheTest {
    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void aRememberedSecretKeepsAuthenticatingItsOwnConnectionOnly() {
        String a = SecretHash.newSecret(new SecureRandom());
        String b = SecretHash.newSecret(new SecureRandom());
        Authenticator auth = new Authenticator(GatewayFixture.config(a, b));
        for (int i = 0; i < 3; i++) {
            assertThat(auth.authenticate("Bearer " + a)).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("alpha"));
            assertThat(auth.authenticate("Bearer " + b)).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("beta"));
        }
        assertThat(auth.cached()).isEqualTo(2);
        // one character off a remembered secret is a different credential
        String near = a.substring(0, a.length() - 1) + (a.endsWith("A") ? "B" : "A");
        assertThat(auth.authenticate("Bearer " + near)).isEmpty();
    }

    @Test
    void wrongCredentialsAreNeverRemembered() {
        Authenticator auth = new Authenticator(GatewayFixture.config(SecretHash.newSecret(new SecureRandom()), SecretHash.newSecret(new SecureRandom())));
        for (int i = 0; i < 1_000; i++) {
            assertThat(auth.authenticate("Bearer " + SecretHash.newSecret(new SecureRandom()))).isEmpty();
        }
        assertThat(auth.cached()).isZero();
    }

    @Test
    void aRememberedJwtIsRefusedOnceItHasExpired(@TempDir Path dir) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        String tid = "11111111-1111-1111-1111-111111111111";
        String issuer = "https://sts.windows.net/" + tid + "/";
        MovableClock clock = new MovableClock();
        Authenticator auth = new Authenticator(GatewayConfig.parse("""
                connections:
                  - id: jwt-conn
                    sourceTenantId: %s
                    target: {authorityHost: "https://login.microsoftonline.com", graphBaseUrl: "https://graph.microsoft.com/v1.0",
                             tenantId: "t", clientId: "c", clientSecret: "s"}
                    authentication:
                      jwt: {issuer: "%s", audience: "api://scim", jwksFile: "%s"}
                """.formatted(tid, issuer, jwks)), clock);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience("api://scim").claim("tid", tid)
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(30))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        String bearer = "Bearer " + jwt.serialize();

        assertThat(auth.authenticate(bearer)).isPresent();
        clock.advance(Duration.ofSeconds(20));
        assertThat(auth.authenticate(bearer)).isPresent();
        assertThat(auth.cached()).isEqualTo(1);
        // past exp and past the verifier's allowance for clock skew (60 s): only a stale cache entry could let it in
        clock.advance(Duration.ofSeconds(75));
        assertThat(auth.authenticate(bearer)).isEmpty();
        assertThat(auth.cached()).isZero();
    }
}
