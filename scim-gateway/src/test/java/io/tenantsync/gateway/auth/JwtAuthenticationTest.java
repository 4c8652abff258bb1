package io.tenantsync.gateway.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tenantsync.gateway.connection.GatewayConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** JWTs from the source tenant's authority: RS256 only, signed by a JWKS key, with issuer, audience, tid and expiry checked. */
class JwtAuthenticationTest {
    static final String SOURCE_TID = "11111111-1111-1111-1111-111111111111";
    static final String ISSUER = "https://sts.windows.net/" + SOURCE_TID + "/";
    static final String AUDIENCE = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";
    static RSAKey key;
    static RSAKey stranger;
    static Authenticator authenticator;

    @BeforeAll
    static void configure(@TempDir Path dir) throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        String secretHash = SecretHash.of("opaque-secret", new SecureRandom());
        authenticator = new Authenticator(GatewayConfig.parse("""
                connections:
                  - id: jwt-conn
                    sourceTenantId: %s
                    target: {authorityHost: "https://login.microsoftonline.com", graphBaseUrl: "https://graph.microsoft.com/v1.0",
                             tenantId: "t", clientId: "c", clientSecret: "s"}
                    authentication:
                      bearerSecretHashes: ["%s"]
                      jwt: {issuer: "%s", audience: "%s", jwksFile: "%s"}
                """.formatted(SOURCE_TID, secretHash, ISSUER, AUDIENCE, jwks)));
    }

    private static String token(RSAKey signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).claim("tid", SOURCE_TID)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000));
    }

    private static boolean accepted(String token) {
        return authenticator.authenticate("Bearer " + token).isPresent();
    }

    @Test
    void aValidTokenFromTheSourceAuthorityAuthenticatesItsConnection() throws Exception {
        assertThat(authenticator.authenticate("Bearer " + token(key, valid().build()))).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("jwt-conn"));
    }

    @Test
    void tokensWithTheWrongIssuerAudienceTenantOrExpiryAreRefused() throws Exception {
        assertThat(accepted(token(key, valid().issuer("https://sts.windows.net/other/").build()))).isFalse();
        assertThat(accepted(token(key, valid().audience("someone-else").build()))).isFalse();
        assertThat(accepted(token(key, valid().claim("tid", "22222222-2222-2222-2222-222222222222").build()))).isFalse();
        assertThat(accepted(token(key, valid().expirationTime(new Date(System.currentTimeMillis() - 600_000)).build()))).isFalse();
        assertThat(accepted(token(key, valid().notBeforeTime(new Date(System.currentTimeMillis() + 600_000)).build()))).isFalse();
        assertThat(accepted(token(key, new JWTClaimsSet.Builder(valid().build()).expirationTime(null).build()))).isFalse();
    }

    @Test
    void tokensSignedByAnotherKeyOrWithAnotherAlgorithmAreRefused() throws Exception {
        assertThat(accepted(token(stranger, valid().build()))).isFalse();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertThat(accepted(hmac.serialize())).isFalse();
        assertThat(accepted("eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(valid().build().toString().getBytes()) + ".")).isFalse();
    }

    @Test
    void bearerSecretsStillWorkBesideJwtsAndGarbageIsRefused() {
        assertThat(authenticator.authenticate("Bearer opaque-secret")).isPresent();
        assertThat(authenticator.authenticate("bearer opaque-secret")).isPresent();
        for (String header : List.of("Bearer opaque-secreT", "Basic b3BhcXVl", "Bearer ", "", "Bearer a.b.c")) {
            assertThat(authenticator.authenticate(header)).isEmpty();
        }
        assertThat(authenticator.authenticate(null)).isEmpty();
    }

    @Test
    void secretHashesNeverPrintTheirValue() {
        String stored = SecretHash.of("visible?", new SecureRandom());
        assertThat(SecretHash.parse(stored).toString()).doesNotContain(stored.substring(7, 20));
    }
}
