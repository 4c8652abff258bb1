package io.tenantsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.server.EmulatorServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tenantsync emulator}: serves the tenants of a configuration file until Ctrl-C. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Start the tenant emulator (identity platform + Microsoft Graph over HTTPS on 127.0.0.1) "
                + "with the tenants of a YAML or JSON configuration file; serve until Ctrl-C.")
final class EmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Tenants, apps and control token (YAML or JSON).")
    Path config;

    @Option(names = "--port", required = true, paramLabel = "N", description = "HTTPS port on 127.0.0.1 (0 = a free port).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the directory in a file database here (default: in memory).")
    Path dataDir;

    @Option(names = "--ca-cert", paramLabel = "PEMPATH",
            description = "Write the certificate clients must trust here (default: DIR/ca.pem, or a temporary file).")
    Path caCert;

    @Option(names = "--http-port", paramLabel = "N", description = "Also serve plain HTTP on this port (0 = a free port).")
    Integer httpPort;

    @Override
    public Integer call() throws IOException {
        checkPort("--port", port);
        if (httpPort != null) checkPort("--http-port", httpPort);
        JsonNode tree = readConfig(config);
        EmulatorConfig emulatorConfig;
        try {
            emulatorConfig = EmulatorConfig.fromTree(tree, config.toString());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (dataDir != null) Files.createDirectories(dataDir);
        try (Lifetime lifetime = new Lifetime(); ScratchDir scratch = ScratchDir.create("tenantsync-emulator-")) {
            Path pem = caCert != null ? caCert : (dataDir != null ? dataDir : scratch.path()).resolve("ca.pem");
            try (EmulatorServer server = start(new EmulatorServer.Options(emulatorConfig, port, Optional.ofNullable(dataDir),
                    pem.toAbsolutePath(), Optional.ofNullable(httpPort)))) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("tenant emulator ready: " + emulatorConfig.tenants().size() + " tenant(s)"
                        + (dataDir == null ? ", in memory" : ", data in " + dataDir.toAbsolutePath()));
                printReach(out, server);
                server.httpBaseUri().ifPresent(u -> out.println("  plain HTTP  " + u + "/v1.0"));
                out.println("  controls    " + server.baseUri() + "/_emulator/…  Authorization: Bearer <controlToken>, "
                        + (tree.hasNonNull("controlToken") ? "the controlToken in " + config
                        : "none set in " + config + ", so a random one was generated (the controls answer 401)"));
                out.println("  tenants");
                for (TenantConfig t : emulatorConfig.tenants()) {
                    out.printf("    %-12s %s  %-28s %-7s apps: %s%n", t.name(), t.tenantId(), t.initialDomain(), t.cloud(),
                            t.apps().stream().map(AppRegistration::clientId).collect(Collectors.joining(", ")));
                }
                out.println("Serving until Ctrl-C.");
                out.flush();
                lifetime.awaitStop();
            }
        }
        return 0;
    }

    private static JsonNode readConfig(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void checkPort(String option, int port) {
        if (port < 0 || port > 65535) throw new CliException(option + " must be between 0 and 65535, not " + port);
    }

    /** Starts the emulator, turning a taken port into a message that says what to do. */
    static EmulatorServer start(EmulatorServer.Options options) {
        try {
            return EmulatorServer.start(options);
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException) {
                    throw new CliException("cannot listen on 127.0.0.1:" + options.port() + " (" + c.getMessage()
                            + "); choose another port, or 0 for a free one", e);
                }
            }
            throw e;
        }
    }

    /** The lines that tell a client where the emulator answers and what to trust. */
    static void printReach(PrintWriter out, EmulatorServer server) {
        out.println("  Graph       " + server.baseUri() + "/v1.0");
        out.println("  authority   " + server.baseUri() + "   (token: POST /{tenantId}/oauth2/v2.0/token, client credentials)");
        out.println("  trust       " + server.caCertificate().toAbsolutePath() + "   (the emulator's CA certificate, PEM)");
    }
}
