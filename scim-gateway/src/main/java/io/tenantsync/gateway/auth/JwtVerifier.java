package io.tenantsync.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tenantsync.gateway.connection.JwtTrust;

import java.io.IOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the JWTs one connection trusts: RS256 only, signed by a key of its JWKS (a file, or a URL fetched and
 * cached), with the configured issuer, audience and {@code tid}, within exp/nbf.
 */
final class JwtVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;

    JwtVerifier(JwtTrust trust, String sourceTenantId, Clock clock) {
        this.issuer = trust.issuer();
        JWKSource<SecurityContext> keys = keys(trust);
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256), keys));
        JWTClaimsSet required = new JWTClaimsSet.Builder()
                .issuer(trust.issuer())
                .claim("tid", trust.tenantId().orElse(sourceTenantId))
                .build();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(trust.audience(), required, Set.of("exp")) {
            // exp and nbf are judged by the gateway's clock, the one its cache of verified tokens uses too
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
    }

    private static JWKSource<SecurityContext> keys(JwtTrust trust) {
        if (trust.jwksFile().isPresent()) {
            try {
                return new ImmutableJWKSet<>(JWKSet.load(trust.jwksFile().get().toFile()));
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("cannot read the JWKS file " + trust.jwksFile().get() + ": " + e.getMessage(), e);
            }
        }
        try {
            return JWKSourceBuilder.create(trust.jwksUrl().orElseThrow().toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwksUrl is not a URL: " + trust.jwksUrl().get(), e);
        }
    }

    /** The issuer this verifier expects, to route a token before verifying it. */
    String issuer() { return issuer; }

    /** The token's claims when it is valid for this connection. */
    Optional<JWTClaimsSet> verify(String token) {
        try {
            return Optional.of(processor.process(token, null));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }
}
