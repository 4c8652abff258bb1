package io.tenantsync.cli;

import io.tenantsync.cli.demo.TenantGraphClient;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tenantsync emulator}: serving a configuration file's tenants, and what it prints. */
class EmulatorCommandTest {
    static final Path EXAMPLE = Path.of("src/main/resources/examples/emulator.yaml");

    @TempDir
    Path tmp;

    @Test
    void theExampleConfigServesEveryTenantOverHttpsTrustingTheWrittenCertificate() throws Exception {
        Path pem = tmp.resolve("trust/ca.pem");
        EmulatorConfig config = EmulatorConfig.load(EXAMPLE);
        try (CliRun.Serving emulator = CliRun.serve("emulator", "--config", EXAMPLE.toString(), "--port", "0",
                "--ca-cert", pem.toString(), "--http-port", "0")) {
            String out = emulator.out();
            URI authority = URI.create(CliRun.valueOf(out, "authority"));
            assertThat(CliRun.valueOf(out, "Graph")).isEqualTo(authority + "/v1.0");
            assertThat(CliRun.valueOf(out, "trust")).isEqualTo(pem.toAbsolutePath().toString());
            assertThat(CliRun.valueOf(out, "plain HTTP")).startsWith("http://127.0.0.1:").endsWith("/v1.0");
            for (TenantConfig t : config.tenants()) {
                assertThat(out).contains(t.tenantId().toString());
                t.apps().forEach(app -> assertThat(out + emulator.err()).doesNotContain(app.clientSecret()));
                var admin = TenantGraphClient.connect(authority, pem, t, t.apps().get(0));
                assertThat(admin.call("GET", "/users", null, 200).body().get("value")).isEmpty();
            }
            assertThat(out + emulator.err()).doesNotContain(config.controlToken());
            assertThat(emulator.stop()).isZero();
        }
    }

    @Test
    void aConfigWithoutControlTokenSaysTheControlsAreUnusable() throws Exception {
        Path config = tmp.resolve("no-control.yaml");
        Files.writeString(config, Files.readString(EXAMPLE).replaceFirst("(?m)^controlToken:.*$", ""));
        try (CliRun.Serving emulator = CliRun.serve("emulator", "--config", config.toString(), "--port", "0")) {
            assertThat(emulator.out()).contains("none set in " + config).contains("the controls answer 401");
        }
    }

    @Test
    void anInvalidConfigFailsWithTheReasonAndNoStackTrace() throws Exception {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "tenants:\n  - name: contoso\n    tenantId: not-a-guid\n");
        CliRun.Result r = CliRun.run("emulator", "--config", config.toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("tenant contoso: tenantId is not a GUID").doesNotContain("\tat ");
    }
}
