package io.tenantsync.cli;

import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.provisioning.TargetProvisioning;
import io.tenantsync.gateway.server.GatewayServer;
import io.tenantsync.gateway.server.GatewayTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
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

    @Option(names = "--port", required = true, paramLabel = "N", description = "Port on 127.0.0.1 (0 = a free port).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep SCIM resources and links in file databases here (default: in memory).")
    Path dataDir;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS (only) with the private key and certificate chain of this PKCS12 file.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "The file whose first line is the PKCS12 password (for the store and the key).")
    Path tlsKeystorePasswordFile;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS (only) with this PEM certificate chain (server certificate first) ...")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "... and this unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY).")
    Path tlsKey;

    @Override
    public Integer call() throws IOException {
        EmulatorCommand.checkPort("--port", port);
        GatewayConfig gatewayConfig;
        try {
            gatewayConfig = GatewayConfig.read(config);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("cannot read " + config + ": " + e.getMessage(), e);
        }
        Optional<SSLContext> tls = tls();
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        try (Lifetime lifetime = new Lifetime(); GatewayServer gateway = start(gatewayConfig, port, Optional.ofNullable(dataDir), tls)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("SCIM gateway ready: " + gatewayConfig.connections().size() + " connection(s)"
                    + (dataDir == null ? ", in memory" : ", data in " + dataDir.toAbsolutePath())
                    + (tls.isPresent() ? ", HTTPS only" : ", plain HTTP"));
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

    /**
     * The server's TLS key from {@code --tls-keystore} and its password file, or from {@code --tls-cert} and
     * {@code --tls-key}; empty for plain HTTP. Messages name the files, never the password or key.
     */
    private Optional<SSLContext> tls() {
        boolean pkcs12 = tlsKeystore != null || tlsKeystorePasswordFile != null;
        boolean pem = tlsCert != null || tlsKey != null;
        if (pkcs12 && pem) {
            throw new CliException("give either --tls-keystore with --tls-keystore-password-file, or --tls-cert with "
                    + "--tls-key, not both");
        }
        try {
            if (pkcs12) {
                if (tlsKeystore == null || tlsKeystorePasswordFile == null) {
                    throw new CliException("--tls-keystore and --tls-keystore-password-file go together");
                }
                return Optional.of(GatewayTls.fromPkcs12(tlsKeystore, password(tlsKeystorePasswordFile)));
            }
            if (pem) {
                if (tlsCert == null || tlsKey == null) {
                    throw new CliException("--tls-cert and --tls-key go together");
                }
                return Optional.of(GatewayTls.fromPem(tlsCert, tlsKey));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        return Optional.empty();
    }

    /** The first line of the file, without its line break. */
    private static char[] password(Path file) {
        try {
            String text = Files.readString(file);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) throw new CliException("the password file " + file + " is empty");
            return line.toCharArray();
        } catch (IOException e) {
            throw new CliException("cannot read the password file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Starts a plain-HTTP gateway that provisions into its connections' targets; a taken port becomes a message. */
    static GatewayServer start(GatewayConfig config, int port, Optional<Path> dataDir) {
        return start(config, port, dataDir, Optional.empty());
    }

    /** {@link #start(GatewayConfig, int, Optional)}, serving HTTPS only when {@code tls} is given. */
    static GatewayServer start(GatewayConfig config, int port, Optional<Path> dataDir, Optional<SSLContext> tls) {
        GatewayServer.Options options = GatewayServer.Options.of(config, port, dataDir)
                .withProvisioning(TargetProvisioning.factory(dataDir, Clock.systemUTC(), RETRY_EVERY));
        if (tls.isPresent()) options = options.withTls(tls.get());
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
