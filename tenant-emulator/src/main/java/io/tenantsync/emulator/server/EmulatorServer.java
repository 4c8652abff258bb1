package io.tenantsync.emulator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.audit.DirectoryAudits;
import io.tenantsync.emulator.audit.DirectoryAuditsApi;
import io.tenantsync.emulator.batch.BatchApi;
import io.tenantsync.emulator.clock.EmulatorClock;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.control.ControlActions;
import io.tenantsync.emulator.control.EmulatorControlResource;
import io.tenantsync.emulator.control.EmulatorReset;
import io.tenantsync.emulator.control.TenantSeeding;
import io.tenantsync.emulator.directory.DirectoryCollections;
import io.tenantsync.emulator.directory.DirectoryLifecycle;
import io.tenantsync.emulator.directory.Seeder;
import io.tenantsync.emulator.directory.deleted.DeletedItemsApi;
import io.tenantsync.emulator.directory.delta.DeltaApi;
import io.tenantsync.emulator.fault.FaultInjector;
import io.tenantsync.emulator.graph.Authentication;
import io.tenantsync.emulator.graph.ErrorEnvelope;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphEndpoint;
import io.tenantsync.emulator.graph.GraphJson;
import io.tenantsync.emulator.graph.GraphPipeline;
import io.tenantsync.emulator.graph.Journaling;
import io.tenantsync.emulator.graph.RequestJournal;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.groups.GroupsApi;
import io.tenantsync.emulator.identity.IdentityResource;
import io.tenantsync.emulator.identity.TokenService;
import io.tenantsync.emulator.invitations.InvitationsApi;
import io.tenantsync.emulator.organization.OrganizationApi;
import io.tenantsync.emulator.policy.CrossTenantAccessPolicyApi;
import io.tenantsync.emulator.policy.CrossTenantPolicyStore;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryStore;
import io.tenantsync.emulator.throttle.TenantSizes;
import io.tenantsync.emulator.throttle.Throttling;
import io.tenantsync.emulator.tls.LoopbackCertificates;
import io.tenantsync.emulator.users.UsersApi;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The tenant emulator: identity platform, Graph and the emulator controls on one HTTPS port of the loopback
 * interface. All wiring happens here, once; nothing is discovered by classpath scanning.
 */
public final class EmulatorServer implements AutoCloseable {
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_REQUEST_HEADERS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);

    /**
     * How to start.
     *
     * @param port     0 for a free port
     * @param dataDir  where the file database, signing key and clock live; empty for an in-memory emulator
     * @param caPem    where to write the PEM of the certificate clients must trust
     * @param httpPort also serve plain HTTP on this loopback port (0 = free port), or empty for HTTPS only
     */
    public record Options(EmulatorConfig config, int port, Optional<Path> dataDir, Path caPem, Optional<Integer> httpPort) {}

    private final Options options;
    private static final String PLAIN_HTTP = "plain-http";

    private final HttpServer server;
    private final Database db;
    private final Components components;

    /** Everything the server wired, for in-process tests and the CLI. */
    public record Components(ObjectMapper json, EmulatorClock clock, Database db, DirectoryStore store,
                             DirectoryLifecycle lifecycle, TokenService tokens, RequestJournal journal, Seeder seeder) {}

    private EmulatorServer(Options options, HttpServer server, Database db, Components components) {
        this.options = options;
        this.server = server;
        this.db = db;
        this.components = components;
    }

    public static EmulatorServer start(Options options) {
        EmulatorConfig config = options.config();
        ObjectMapper json = GraphJson.mapper();
        Clock wall = Clock.systemUTC();
        Database db = options.dataDir().map(Database::inDirectory).orElseGet(Database::inMemory);
        EmulatorClock clock = new EmulatorClock(wall, loadClockOffset(db));
        DirectoryStore store = new DirectoryStore(json);
        DirectoryLifecycle lifecycle = new DirectoryLifecycle(store, clock);
        DirectoryAudits audits = new DirectoryAudits(json, clock);
        DirectoryCollections collections = new DirectoryCollections(db, store, json);
        TokenService tokens = new TokenService(config, TokenService.signingKey(options.dataDir().map(d -> d.resolve("signing-key.json"))), wall);
        RequestJournal journal = new RequestJournal(200_000, wall);
        Seeder seeder = new Seeder(db, store, json, clock);

        CrossTenantPolicyStore policies = new CrossTenantPolicyStore(json);
        Throttling throttling = new Throttling(new TenantSizes(db, Duration.ofSeconds(30), System::nanoTime), System::nanoTime);
        FaultInjector faults = new FaultInjector(new SplittableRandom(), Thread::sleep);

        // the pipeline holds the route table by reference: $batch needs the pipeline, the pipeline needs the routes
        Routes routes = new Routes();
        ErrorEnvelope envelope = new ErrorEnvelope(json, wall);
        GraphPipeline pipeline = new GraphPipeline(List.of(envelope), new Authentication(tokens, journal),
                List.of(new Journaling(journal), faults, throttling), routes);
        List<GraphApi> apis = List.of(
                new UsersApi(db, store, collections, lifecycle, audits, json, clock, UUID::randomUUID),
                new GroupsApi(db, store, collections, lifecycle, audits, json, clock, UUID::randomUUID),
                new DeltaApi(db, store, lifecycle, json),
                new DeletedItemsApi(db, store, collections, lifecycle, audits, json),
                new CrossTenantAccessPolicyApi(db, policies, audits, json),
                new InvitationsApi(config, db, store, policies, audits, json, clock, UUID::randomUUID),
                new OrganizationApi(json),
                new DirectoryAuditsApi(db, json),
                new BatchApi(json, envelope, pipeline::handleInner));
        apis.forEach(api -> api.register(routes));
        ControlActions actions = () -> {
            saveClockOffset(db, clock);
            int purged = db.transaction(lifecycle::purgeExpired);
            if (purged > 0) LOG.info("purged {} soft-deleted objects past retention", purged);
        };

        ResourceConfig rc = new ResourceConfig();
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        rc.register(GraphEndpoint.class);
        rc.register(IdentityResource.class);
        rc.register(EmulatorControlResource.class);
        rc.register(ErrorMappers.Control.class);
        rc.register(ErrorMappers.WebApplication.class);
        rc.register(ErrorMappers.Unexpected.class);
        rc.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(config).to(EmulatorConfig.class);
                bind(json).to(ObjectMapper.class);
                bind(wall).to(Clock.class);
                bind(clock).to(EmulatorClock.class);
                bind(tokens).to(TokenService.class);
                bind(journal).to(RequestJournal.class);
                bind(pipeline).to(GraphPipeline.class);
                bind(envelope).to(ErrorEnvelope.class);
                bind(actions).to(ControlActions.class);
                bind(throttling).to(Throttling.class);
                bind(faults).to(FaultInjector.class);
                bind(new EmulatorReset(db, journal, faults, throttling)).to(EmulatorReset.class);
                bind(new TenantSeeding(db, seeder, throttling)).to(TenantSeeding.class);
            }
        });

        LoopbackCertificates certs = LoopbackCertificates.mint();
        try {
            certs.writeIssuerPem(options.caPem());
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("cannot write the emulator CA certificate to " + options.caPem(), e);
        }
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("https://127.0.0.1:" + options.port() + "/"), rc,
                true, new SSLEngineConfigurator(certs.serverContext(), false, false, false), false);
        options.httpPort().ifPresent(port -> server.addListener(new NetworkListener(PLAIN_HTTP, "127.0.0.1", port)));
        // clients keep their connections: Grizzly's default closes one after 256 requests, forcing a new TLS handshake
        server.getListeners().forEach(l -> {
            l.getKeepAlive().setMaxRequestsCount(-1);
            // long $filter URLs and many headers reach the application, which answers with Graph errors; only
            // beyond these limits does Grizzly refuse a request itself, with a bare 400
            l.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
            l.setMaxRequestHeaders(MAX_REQUEST_HEADERS);
        });
        try {
            server.start();
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
        var components = new Components(json, clock, db, store, lifecycle, tokens, journal, seeder);
        EmulatorServer emulator = new EmulatorServer(options, server, db, components);
        LOG.info("tenant emulator serving {} tenants on {}", config.tenants().size(), emulator.baseUri());
        return emulator;
    }

    private static long loadClockOffset(Database db) {
        return db.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VAL FROM EMULATOR_STATE WHERE NAME = 'clockOffsetMillis'")) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
            }
        });
    }

    private static void saveClockOffset(Database db, EmulatorClock clock) {
        db.transaction(c -> {
            DirectoryStore.exec(c, "MERGE INTO EMULATOR_STATE s USING (VALUES ('clockOffsetMillis', ?)) v(N, V) ON s.NAME = v.N "
                    + "WHEN MATCHED THEN UPDATE SET s.VAL = v.V WHEN NOT MATCHED THEN INSERT VALUES (v.N, v.V)", Long.toString(clock.offset().toMillis()));
            return null;
        });
    }

    private Optional<NetworkListener> listener(boolean secure) {
        return server.getListeners().stream().filter(l -> l.isSecure() == secure).findFirst();
    }

    /** The HTTPS root: authority host of every tenant and the host of Graph ({@code /v1.0}). */
    public URI baseUri() { return URI.create("https://127.0.0.1:" + port()); }

    /** The plain-HTTP root, when enabled. */
    public Optional<URI> httpBaseUri() { return listener(false).map(l -> URI.create("http://127.0.0.1:" + l.getPort())); }

    public int port() { return listener(true).orElseThrow().getPort(); }

    /** The PEM file of the certificate clients must trust. */
    public Path caCertificate() { return options.caPem(); }

    public EmulatorConfig config() { return options.config(); }

    public Components components() { return components; }

    @Override
    public void close() {
        server.shutdownNow();
        db.close();
    }

    /** Whether a file-mode data directory already holds a database. */
    public static boolean hasData(Path dataDir) {
        return Files.exists(dataDir.resolve("emulator.properties")) || Files.exists(dataDir.resolve("emulator.script"));
    }
}
