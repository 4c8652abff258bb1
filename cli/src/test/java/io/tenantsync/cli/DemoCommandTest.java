package io.tenantsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tenantsync demo} without seeding: the endpoints file, credentials, data directory and failures. */
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void onceWritesAnEndpointsFileMatchingTheContractThenStopsServing() throws Exception {
        Path file = tmp.resolve("out/ep.json");
        CliRun.Result r = CliRun.run("demo", "--once", "--no-seed", "--port-base", "0", "--endpoints-file", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode ep = JSON.readTree(file.toFile());
        assertThat(EndpointsSchema.load().violations(ep)).isEmpty();
        assertThat(ep.fieldNames()).toIterable().containsExactly("scim", "graph", "tenants", "emulator");
        assertThat(ep.at("/scim/token").asText()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(ep.at("/emulator/controlUrl").asText()).isEqualTo(ep.at("/graph/authority").asText() + "/_emulator");
        assertThat(ep.at("/emulator/controlToken").asText()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(ep.at("/tenants/source/domain").asText()).isEqualTo("contoso.onmicrosoft.com");
        assertThat(ep.at("/tenants/target/domain").asText()).isEqualTo("fabrikam.onmicrosoft.com");
        assertThat(ep.at("/graph/baseUrl").asText()).isEqualTo(ep.at("/graph/authority").asText() + "/v1.0");
        assertThat(Path.of(ep.at("/graph/caCertificate").asText())).isAbsolute();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(r.out()).contains("endpoints   " + file.toAbsolutePath()).contains("Done (--once).")
                .contains("no job: contoso has no group");

        URI authority = URI.create(ep.at("/graph/authority").asText());
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), authority.getPort()).close())
                .as("--once stopped serving").isInstanceOf(IOException.class);
        URI scim = URI.create(ep.at("/scim/baseUrl").asText());
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), scim.getPort()).close())
                .as("--once stopped the gateway").isInstanceOf(IOException.class);
    }

    @Test
    void noSeedLeavesContosoEmptyAndTheWrittenCredentialsWorkOverTrustedHttps() throws Exception {
        Path file = tmp.resolve("ep.json");
        try (CliRun.Serving demo = CliRun.serve("demo", "--no-seed", "--port-base", "0", "--endpoints-file", file.toString())) {
            EndpointsClients clients = new EndpointsClients(file);
            assertThat(EndpointsSchema.load().violations(clients.json())).isEmpty();
            assertThat(clients.token("source")).isNotBlank();
            assertThat(clients.token("target")).isNotBlank();

            assertThat(clients.graph("source").users().get().getValue()).isEmpty();
            assertThat(clients.graph("target").users().get().getValue()).isEmpty();
            var controls = java.net.http.HttpClient.newBuilder().sslContext(clients.ssl()).build();
            var clock = controls.send(java.net.http.HttpRequest.newBuilder(
                            URI.create(clients.json().at("/emulator/controlUrl").asText() + "/clock"))
                    .header("Authorization", "Bearer " + clients.json().at("/emulator/controlToken").asText()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(clock.statusCode()).as("the control token in the endpoints file opens the controls").isEqualTo(200);
            assertThat(demo.out()).contains("skipped (--no-seed)");
            assertThat(demo.stop()).isZero();
        }
    }

    @Test
    void consoleOutputNeverShowsSecrets() throws Exception {
        Path file = tmp.resolve("ep.json");
        Path data = tmp.resolve("data");
        CliRun.Result r = CliRun.run("demo", "--once", "--no-seed", "--port-base", "0", "--endpoints-file", file.toString(),
                "--data-dir", data.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode ep = JSON.readTree(file.toFile());
        JsonNode saved = JSON.readTree(data.resolve("demo-config.json").toFile());
        for (String secret : new String[]{ep.at("/tenants/source/clientSecret").asText(), ep.at("/tenants/target/clientSecret").asText(),
                saved.get("controlToken").asText()}) {
            assertThat(r.out()).doesNotContain(secret);
            assertThat(r.err()).doesNotContain(secret);
        }
    }

    @Test
    void restartWithTheSameDataDirKeepsTenantIdsAndSecrets() throws Exception {
        Path data = tmp.resolve("data");
        Path first = tmp.resolve("first.json"), second = tmp.resolve("second.json");
        assertThat(CliRun.run("demo", "--once", "--no-seed", "--port-base", "0", "--data-dir", data.toString(),
                "--endpoints-file", first.toString()).exitCode()).isZero();
        assertThat(CliRun.run("demo", "--once", "--no-seed", "--port-base", "0", "--data-dir", data.toString(),
                "--endpoints-file", second.toString()).exitCode()).isZero();

        assertThat(JSON.readTree(second.toFile()).get("tenants")).isEqualTo(JSON.readTree(first.toFile()).get("tenants"));
        assertThat(Files.getPosixFilePermissions(data.resolve("demo-config.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(JSON.readTree(data.resolve("demo-config.json").toFile()).get("tenants")).hasSize(2);
    }

    @Test
    void savedDemoConfigIsAnEmulatorConfigFileHoldingTheWrittenCredentials() throws Exception {
        Path data = tmp.resolve("data");
        Path ep = tmp.resolve("ep.json");
        assertThat(CliRun.run("demo", "--once", "--no-seed", "--port-base", "0", "--data-dir", data.toString(),
                "--endpoints-file", ep.toString()).exitCode()).isZero();

        EmulatorConfig saved = EmulatorConfig.load(data.resolve("demo-config.json"));
        JsonNode written = JSON.readTree(ep.toFile());
        for (String[] roleAndName : new String[][]{{"source", "contoso"}, {"target", "fabrikam"}}) {
            TenantConfig t = saved.tenant(roleAndName[1]).orElseThrow();
            JsonNode w = written.at("/tenants/" + roleAndName[0]);
            assertThat(t.tenantId()).hasToString(w.get("tenantId").asText());
            assertThat(t.cloud()).isEqualTo(Cloud.GLOBAL);
            assertThat(t.apps()).singleElement().satisfies(app -> {
                assertThat(app.clientId()).isEqualTo(w.get("clientId").asText());
                assertThat(app.clientSecret()).isEqualTo(w.get("clientSecret").asText());
                assertThat(app.roles()).containsExactlyInAnyOrderElementsOf(AppRegistration.ALL_ROLES);
            });
        }
    }

    @Test
    void aTakenPortFailsWithAMessageThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun.Result r = CliRun.run("demo", "--once", "--no-seed", "--port-base", Integer.toString(taken.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).contains("0 for a free one")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void anOutOfRangePortBaseIsRefused() {
        CliRun.Result r = CliRun.run("demo", "--once", "--port-base", "65534");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--port-base must be between 0 and 65533");
    }
}
