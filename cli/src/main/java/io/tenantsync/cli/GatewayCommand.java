package io.tenantsync.cli;

import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.provisioning.TargetProvisioning;
import io.tenantsync.gateway.server.GatewayServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenantsync gateway}: serves SCIM for the connections of a file and provisions into their targets. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Start the SCIM 2.0 gateway for the connections of a YAML file: SCIM clients push users and "
                + "groups, the gateway provisions them into each connection's target tenant through Microsoft Graph; "
                + "serve until Ctrl-C.")
final class GatewayCommand implements Callable<Integer> {

    /** How often changes the target could not take yet are retried. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The connection file (YAML).")
    Path config;

    @Option(names = "--port", required = true, paramLabel = "N", description = "HTTP port on 127.0.0.1 (0 = a free port).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep SCIM resources and links in file databases here (default: in memory).")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        EmulatorCommand.checkPort("--port", port);
        GatewayConfig gatewayConfig;
        try {
            gatewayConfig = GatewayConfig.read(config);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("cannot read " + config + ": " + e.getMessage(), e);
        }
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        try (Lifetime lifetime = new Lifetime(); GatewayServer gateway = start(gatewayConfig, port, Optional.ofNullable(dataDir))) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("SCIM gateway ready: " + gatewayConfig.connections().size() + " connection(s)"
                    + (dataDir == null ? ", in memory" : ", data in " + dataDir.toAbsolutePath()));
            out.println("  SCIM        " + gateway.baseUri() + "   (Authorization: Bearer <a connection's secret>)");
            for (Connection connection : gatewayConfig.connections()) {
                out.printf("  connection  %-24s %s → %s (%s)%n", connection.id(), connection.sourceTenantId(),
                        connection.target().tenantId(), connection.target().graphBaseUrl());
            }
            out.println("Serving until Ctrl-C.");
            out.flush();
            lifetime.awaitStop();
        }
        return 0;
    }

    /** Starts a gateway that provisions into its connections' targets; a taken port becomes a message. */
    static GatewayServer start(GatewayConfig config, int port, Optional<Path> dataDir) {
        GatewayServer.Options options = GatewayServer.Options.of(config, port, dataDir)
                .withProvisioning(TargetProvisioning.factory(dataDir, Clock.systemUTC(), RETRY_EVERY));
        try {
            return GatewayServer.start(options);
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException) {
                    throw new CliException("cannot listen on 127.0.0.1:" + port + " (" + c.getMessage()
                            + "); choose another port, or 0 for a free one", e);
                }
            }
            throw e;
        }
    }
}
