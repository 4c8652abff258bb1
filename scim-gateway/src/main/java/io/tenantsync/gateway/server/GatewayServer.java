package io.tenantsync.gateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.gateway.auth.AuthenticationFilter;
import io.tenantsync.gateway.auth.Authenticator;
import io.tenantsync.gateway.auth.RateLimiter;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.provisioning.ProvisioningHooks;
import io.tenantsync.gateway.provisioning.ProvisioningWait;
import io.tenantsync.gateway.scim.BulkEndpoint;
import io.tenantsync.gateway.scim.DiscoveryEndpoint;
import io.tenantsync.gateway.scim.ResourceEndpoint;
import io.tenantsync.gateway.scim.ResourceOperations;
import io.tenantsync.gateway.scim.ScimErrors;
import io.tenantsync.gateway.scim.ScimSchemas;
import io.tenantsync.gateway.scim.ServiceLimits;
import io.tenantsync.gateway.store.Database;
import io.tenantsync.gateway.store.Outbox;
import io.tenantsync.gateway.store.ResourceStore;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.internal.ValueParamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The SCIM gateway: {@code /scim/v2} on one loopback HTTP port, backed by its HSQLDB store. All wiring happens
 * here, once, in one binder; nothing is discovered by classpath scanning.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** The path SCIM is served under. */
    public static final String BASE_PATH = "/scim/v2";
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_REQUEST_HEADERS = 256;

    /**
     * How to start.
     *
     * @param port         0 for a free port
     * @param dataDir      where the file database lives; empty for an in-memory store
     * @param provisioning builds the admission and change processor once the store exists
     */
    public record Options(GatewayConfig config, int port, Optional<Path> dataDir, ProvisioningHooks.Factory provisioning, ServiceLimits limits,
                          Optional<SSLContext> tls) {
        public Options {
            Objects.requireNonNull(config, "config");
            dataDir = dataDir == null ? Optional.empty() : dataDir;
            provisioning = provisioning == null ? ProvisioningHooks.Factory.NONE : provisioning;
            limits = limits == null ? ServiceLimits.DEFAULTS : limits;
            tls = tls == null ? Optional.empty() : tls;
        }

        /** A plain-HTTP gateway with no provisioning hooks and the default limits. */
        public static Options of(GatewayConfig config, int port, Optional<Path> dataDir) {
            return new Options(config, port, dataDir, ProvisioningHooks.Factory.NONE, ServiceLimits.DEFAULTS, Optional.empty());
        }

        /** Reads the connection file. */
        public static Options fromFile(Path connectionsFile, int port, Optional<Path> dataDir) throws IOException {
            return of(GatewayConfig.read(connectionsFile), port, dataDir);
        }

        public Options withProvisioning(ProvisioningHooks.Factory factory) {
            return new Options(config, port, dataDir, factory, limits, tls);
        }

        public Options withLimits(ServiceLimits newLimits) {
            return new Options(config, port, dataDir, provisioning, newLimits, tls);
        }

        /** Serves HTTPS with this server context (see {@link GatewayTls}) instead of plain HTTP. */
        public Options withTls(SSLContext context) {
            return new Options(config, port, dataDir, provisioning, limits, Optional.of(context));
        }
    }

    /** What the server wired, for in-process tests and the provisioning side. */
    public record Components(Database db, ResourceStore store, Outbox outbox, ObjectMapper json) {}

    private final HttpServer server;
    private final String scheme;
    private final Database db;
    private final ExecutorService responder;
    private final Components components;
    private final AutoCloseable provisioning;

    private GatewayServer(HttpServer server, String scheme, Database db, ExecutorService responder, Components components,
                          AutoCloseable provisioning) {
        this.provisioning = provisioning;
        this.server = server;
        this.scheme = scheme;
        this.db = db;
        this.responder = responder;
        this.components = components;
    }

    public static GatewayServer start(Options options) {
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        Authenticator authenticator = new Authenticator(options.config());
        Database db = options.dataDir().map(Database::inDirectory).orElseGet(Database::inMemory);
        ResourceStore store = new ResourceStore(db, json);
        Outbox outbox = new Outbox(db, clock);
        ProvisioningHooks hooks = options.provisioning().create(outbox, options.config());
        ScimSchemas schemas = new ScimSchemas();
        ResourceOperations operations = new ResourceOperations(store, schemas, json, clock, () -> UUID.randomUUID().toString(), hooks.admission());
        ProvisioningWait wait = new ProvisioningWait(hooks.processor());
        // replies that waited for the target are rendered here, off the processor's threads
        ExecutorService responder = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "gateway-responder");
            t.setDaemon(true);
            return t;
        });

        ResourceConfig rc = new ResourceConfig();
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // every provider the gateway uses is registered here; what Jersey would discover on the class path (JSON-P,
        // MOXy, bean validation, META-INF/services) only lengthens the provider chains each request walks
        rc.property("jersey.config.disableAutoDiscovery", true);
        rc.property("jersey.config.disableMetainfServicesLookup", true);
        rc.property("jersey.config.beanValidation.disable.server", true);
        rc.property("jersey.config.server.disableJsonProcessing", true);
        rc.property("jersey.config.server.disableMoxyJson", true);
        rc.register(ScimBasePath.class);
        rc.register(AuthenticationFilter.class);
        rc.register(DiscoveryEndpoint.class);
        rc.register(ResourceEndpoint.class);
        rc.register(BulkEndpoint.class);
        rc.register(ScimErrors.ScimExceptionMapper.class);
        rc.register(ScimErrors.WebApplicationMapper.class);
        rc.register(ScimErrors.UnexpectedMapper.class);
        rc.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(json).to(ObjectMapper.class);
                bind(authenticator).to(Authenticator.class);
                bind(new RateLimiter()).to(RateLimiter.class);
                bind(schemas).to(ScimSchemas.class);
                bind(options.limits()).to(ServiceLimits.class);
                bind(operations).to(ResourceOperations.class);
                bind(wait).to(ProvisioningWait.class);
                bind(responder).to(Executor.class);
                bind(new CallerParameter()).to(ValueParamProvider.class);
            }
        });

        String scheme = options.tls().isPresent() ? "https" : "http";
        // mounted at the root: ScimBasePath sets the SCIM base for Jersey
        URI listen = URI.create(scheme + "://127.0.0.1:" + options.port() + "/");
        HttpServer server = options.tls()
                .map(ctx -> GrizzlyHttpServerFactory.createHttpServer(listen, rc, true, new SSLEngineConfigurator(ctx, false, false, false), false))
                .orElseGet(() -> GrizzlyHttpServerFactory.createHttpServer(listen, rc, false));
        // clients keep their connections: Grizzly's default closes one after 256 requests
        server.getListeners().forEach(l -> {
            l.getKeepAlive().setMaxRequestsCount(-1);
            l.registerAddOn(new H2cUpgradeIgnored());
            // long filter URLs and many headers reach the application, which answers with SCIM errors; only beyond
            // these limits does Grizzly refuse a request itself, with a bare 400
            l.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
            l.setMaxRequestHeaders(MAX_REQUEST_HEADERS);
        });
        try {
            server.start();
        } catch (IOException e) {
            responder.shutdownNow();
            closeQuietly(hooks.resources());
            db.close();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
        GatewayServer gateway = new GatewayServer(server, scheme, db, responder, new Components(db, store, outbox, json), hooks.resources());
        LOG.info("SCIM gateway serving {} connections on {}", options.config().connections().size(), gateway.baseUri());
        return gateway;
    }

    /** The SCIM base URI, e.g. {@code http://127.0.0.1:PORT/scim/v2} ({@code https} when serving TLS). */
    public URI baseUri() {
        return URI.create(scheme + "://127.0.0.1:" + port() + BASE_PATH);
    }

    public int port() {
        return server.getListeners().iterator().next().getPort();
    }

    public Components components() { return components; }

    @Override
    public void close() {
        server.shutdownNow();
        responder.shutdownNow();
        try {
            responder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(provisioning);
        db.close();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("closing the provisioning side failed", e);
        }
    }
}
