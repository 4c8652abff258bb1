package io.tenantsync.emulator.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Access tokens are accepted only when signed by the emulator, unexpired, for a known tenant, app and audience. */
class TokenServiceTest {
    static final EmulatorConfig CONFIG = EmulatorFixture.config();
    static final RSAKey KEY = TokenService.signingKey(Optional.empty());
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final TokenService tokens = new TokenService(CONFIG, KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    static String sign(UnaryOperator<JWTClaimsSet.Builder> edit) throws Exception {
        String tid = EmulatorFixture.CONTOSO.toString();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer("https://sts.windows.net/" + tid + "/")
                .audience("https://graph.microsoft.com").expirationTime(Date.from(NOW.plusSeconds(600)))
                .claim("tid", tid).claim("appid", "contoso-admin").claim("roles", List.of("User.Read.All"));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(KEY.getKeyID()).build(),
                edit.apply(b).build());
        jwt.sign(new RSASSASigner(KEY));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void aWellFormedTokenNamesTheCallersTenantAppAndRoles() throws Exception {
        Caller c = tokens.authenticate(sign(b -> b));
        assertThat(c.tenant().name()).isEqualTo("contoso");
        assertThat(c.appId()).isEqualTo("contoso-admin");
        assertThat(c.roles()).containsExactly("User.Read.All");
    }

    @Test
    void issuedTokensRoundTrip() {
        var tenant = CONFIG.tenant("fabrikam").orElseThrow();
        Caller c = tokens.authenticate("Bearer " + tokens.issue(tenant, tenant.apps().get(0)));
        assertThat(c.tenantId()).isEqualTo(EmulatorFixture.FABRIKAM.toString());
    }

    @Test
    void expiredTokensAreRefused() throws Exception {
        String t = sign(b -> b.expirationTime(Date.from(NOW.minusSeconds(1))));
        assertRefused(t, "expired");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        assertRefused(sign(b -> b.audience("https://graph.microsoft.us")), "audience");
        assertRefused(sign(b -> b.audience("api://something-else")), "audience");
    }

    @Test
    void wrongIssuerOrUnknownTenantIsRefused() throws Exception {
        assertRefused(sign(b -> b.issuer("https://evil.example/")), "issuer");
        assertRefused(sign(b -> b.claim("tid", "99999999-9999-4999-8999-999999999999")
                .issuer("https://sts.windows.net/99999999-9999-4999-8999-999999999999/")), "issuer");
        assertRefused(sign(b -> b.claim("tid", "not-a-guid")), "issuer");
    }

    @Test
    void aTokenWhoseTidNamesAnotherTenantThanItsIssuerIsRefused() throws Exception {
        assertRefused(sign(b -> b.claim("tid", EmulatorFixture.FABRIKAM.toString())), "issuer");
    }

    @Test
    void anAppUnknownToTheTenantIsRefused() throws Exception {
        assertRefused(sign(b -> b.claim("appid", "fabrikam-admin")), "application");
    }

    @Test
    void algNoneIsRefused() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"tid\":\"" + EmulatorFixture.CONTOSO
                + "\",\"iss\":\"https://sts.windows.net/" + EmulatorFixture.CONTOSO + "/\",\"aud\":\"https://graph.microsoft.com\",\"appid\":\"contoso-admin\",\"exp\":9999999999}").getBytes());
        assertRefused("Bearer " + header + "." + body + ".", "");
    }

    private void assertRefused(String authorization, String messagePart) {
        assertThatThrownBy(() -> tokens.authenticate(authorization)).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("InvalidAuthenticationToken");
            assertThat(e.getMessage()).containsIgnoringCase(messagePart);
        });
    }
}
