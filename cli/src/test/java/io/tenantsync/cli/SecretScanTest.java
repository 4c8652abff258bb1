package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The log scanner the secrets-in-logs checks rely on finds what it looks for. */
class SecretScanTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJhYmMiLCJhdWQiOiJ4In0.c2lnbmF0dXJlLWJ5dGVzLW9mLXRoZS10b2tlbg";

    @Test
    void aKnownSecretAnywhereInTheTextFails() {
        assertThatThrownBy(() -> SecretScan.assertClean("log", "INFO x - client_secret=S3cret-value-123 sent",
                List.of("S3cret-value-123"))).isInstanceOf(AssertionError.class).hasMessageContaining("S3c…");
    }

    @Test
    void anyJwtFailsEvenWhenNotListed() {
        assertThatThrownBy(() -> SecretScan.assertClean("log", "DEBUG Authorization: Bearer " + JWT, List.of("unrelated-secret")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("contains a JWT");
    }

    @Test
    void cleanTextPasses() {
        assertThatCode(() -> SecretScan.assertClean("log", "WARN credentials refused: AADSTS7000215 invalid client secret",
                List.of("S3cret-value-123"))).doesNotThrowAnyException();
    }
}
