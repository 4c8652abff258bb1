package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks captured log text for secrets: the known ones verbatim, and any JWT's signature. */
final class SecretScan {
    /** A compact JWS: base64url header, payload and signature. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.([A-Za-z0-9_-]{16,})");

    private SecretScan() {}

    /** Every app secret and the control token of an emulator configuration. */
    static List<String> secretsOf(EmulatorConfig config) {
        List<String> secrets = new ArrayList<>();
        secrets.add(config.controlToken());
        for (TenantConfig tenant : config.tenants()) {
            tenant.apps().stream().map(AppRegistration::clientSecret).forEach(secrets::add);
        }
        return secrets;
    }

    /** The signature part of a JWT, which is what makes it usable. */
    static String signatureOf(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }

    /** Asserts that {@code text} holds none of {@code secrets} and no JWT signature; {@code where} names the text. */
    static void assertClean(String where, String text, Collection<String> secrets) {
        for (String secret : secrets) {
            assertThat(secret).as("a secret to look for").hasSizeGreaterThanOrEqualTo(8);
            assertThat(text.contains(secret)).as(where + " contains a secret (" + secret.substring(0, 3) + "…)").isFalse();
        }
        Matcher jwt = JWT.matcher(text);
        assertThat(jwt.find()).as(where + " contains a JWT" + (jwt.find(0) ? " near: "
                + text.substring(Math.max(0, jwt.start() - 80), jwt.start()) : "")).isFalse();
    }
}
