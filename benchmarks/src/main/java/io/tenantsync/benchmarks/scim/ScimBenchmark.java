package io.tenantsync.benchmarks.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.server.EmulatorServer;
import io.tenantsync.emulator.tls.LoopbackCertificates;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.provisioning.TargetProvisioning;
import io.tenantsync.gateway.server.GatewayServer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * SCIM gateway benchmarks. The gateway runs in this JVM on a loopback HTTP port; wrk drives it. The peer is the
 * SCIM-SDK 1.30.0 server in a minimal in-memory wrapper ({@link PeerScimServer}), loaded with the same users and
 * measured in the same run.
 *
 * <p>Seeding for the GET benchmarks goes through SCIM Bulk over HTTP (1,000 users a request) into a gateway with no
 * target provisioning: the resources are stored and indexed exactly as for any client, and their changes wait in the
 * outbox. The POST benchmark's gateway provisions every user into the emulated target tenant before replying.
 */
public final class ScimBenchmark {
    private static final UUID CONTOSO = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID FABRIKAM = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final String APP_SECRET = "bench-secret-0123456789";
    private static final int SMALL = 1_000, LARGE = 100_000;
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    /**
     * The peer gets the same connections as the gateway; it answers a filter by scanning every user, seconds each at
     * 100k, so its replies may take up to a minute and its window is longer.
     */
    private static final int PEER_CONNECTIONS = Integer.getInteger("bench.peerConnections", CONNECTIONS);
    private static final Duration PEER_MEASURE = Duration.ofSeconds(Integer.getInteger("bench.peerSeconds", 30));
    /** {@code memory} (default) or {@code file}: the gateway's store for the POST benchmark. */
    private static final String STORE = System.getProperty("bench.store", "memory");
    private static final String STATE_SYNCED = "\"state\":\"synced\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** When set, a JFR recording (profile settings) of each measured window is written to this directory. */
    private static final String JFR_DIR = System.getProperty("bench.jfr");

    private ScimBenchmark() {}

    public static void main(String[] args) throws Exception {
        // the peer's JDK HTTP server writes headers and body separately; without TCP_NODELAY each reply waits ~40 ms
        // for the client's delayed ACK, which would measure the socket option instead of the peer
        System.setProperty("sun.net.httpserver.nodelay", "true");
        WrkLoad.requireWrk();
        String name = args[0];
        Path dir = Files.createTempDirectory("scim-bench");
        switch (name) {
            case "scim-get-filter-1k" -> {
                double ours = getFilter(SMALL, dir, CONNECTIONS).requestsPerSecond();
                double peer = peerGetFilter(SMALL, dir).requestsPerSecond();
                log("GET /Users?filter=userName eq at %d users: gateway %.0f req/s, SCIM-SDK peer %.0f req/s", SMALL, ours, peer);
                System.out.printf("scim-get-filter-1k: %.0f req/s%n", ours);
            }
            case "scim-get-filter-100k" -> {
                double ours = getFilter(LARGE, dir, CONNECTIONS).requestsPerSecond();
                log("GET /Users?filter=userName eq at %d users: gateway %.0f req/s", LARGE, ours);
                System.out.printf("scim-get-filter-100k: %.0f req/s%n", ours);
            }
            case "scim-vs-peer" -> {
                double ours = getFilter(LARGE, dir, CONNECTIONS).requestsPerSecond();
                double peer = peerGetFilter(LARGE, dir).requestsPerSecond();
                log("GET /Users?filter=userName eq at %d users: gateway %.0f req/s, SCIM-SDK peer %.1f req/s", LARGE, ours, peer);
                System.out.printf("scim-vs-peer: %.1f x%n", ours / peer);
            }
            case "scim-post" -> {
                WrkLoad.Result r = post(dir, CONNECTIONS);
                log("POST /Users with the Graph write to the emulator: %.0f req/s, p50 %.1f ms, p99 %.1f ms (%d connections, %s store)",
                        r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), CONNECTIONS, STORE);
                System.out.printf("scim-post: %.0f req/s%n", r.requestsPerSecond());
            }
            case "scim-p99" -> {
                WrkLoad.Result get = getFilter(LARGE, dir, 16);
                log("GET filter at %d users, 16 clients: %.0f req/s, p50 %.2f ms, p99 %.2f ms", LARGE, get.requestsPerSecond(),
                        get.p50Millis(), get.p99Millis());
                WrkLoad.Result post = post(dir, 16);
                log("POST with the Graph write, 16 clients: %.0f req/s, p50 %.2f ms, p99 %.2f ms", post.requestsPerSecond(),
                        post.p50Millis(), post.p99Millis());
                System.out.printf("scim-p99: %.2f ms%n", get.p99Millis());
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + name);
        }
        System.exit(0);
    }

    private static String userName(int i) {
        return "user" + i + "@contoso.com";
    }

    /** Filter paths for a spread of the stored users, with the userName in another case than stored. */
    private static List<String> filterPaths(URI base, int users) {
        List<String> paths = new ArrayList<>();
        int step = Math.max(1, users / 2_000);
        for (int i = 0; i < users; i += step) {
            String filter = "userName eq \"" + userName(i).toUpperCase(java.util.Locale.ROOT) + "\"";
            paths.add(base.getPath() + "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return paths;
    }

    private static WrkLoad.Result getFilter(int users, Path dir, int connections) throws Exception {
        String secret = SecretHash.newSecret(new SecureRandom());
        GatewayConfig config = GatewayConfig.parse(gatewayYaml(secret, Optional.empty()));
        try (GatewayServer gateway = GatewayServer.start(GatewayServer.Options.of(config, 0, Optional.empty()))) {
            seedByBulk(gateway.baseUri(), secret, users);
            WrkLoad wrk = new WrkLoad(dir, secret);
            List<String> paths = filterPaths(gateway.baseUri(), users);
            URI root = URI.create("http://127.0.0.1:" + gateway.port());
            wrk.get(root, paths, "\"totalResults\":1,", connections, WARMUP);
            return profiled("get-" + users, () -> wrk.get(root, paths, "\"totalResults\":1,", connections, MEASURE));
        }
    }

    private static WrkLoad.Result peerGetFilter(int users, Path dir) throws Exception {
        String token = SecretHash.newSecret(new SecureRandom());
        try (PeerScimServer peer = new PeerScimServer(token, 16)) {
            for (int i = 0; i < users; i++) peer.load(userName(i), "U" + i);
            log("peer loaded with %d users", peer.size());
            WrkLoad wrk = new WrkLoad(dir, token);
            List<String> paths = filterPaths(peer.baseUri(), users);
            URI root = URI.create("http://127.0.0.1:" + peer.baseUri().getPort());
            // the peer's list response carries "totalResults": 1 too, in its own spacing
            wrk.get(root, paths, "\"totalResults\"", PEER_CONNECTIONS, WARMUP, Duration.ofSeconds(60));
            WrkLoad.Result r = wrk.get(root, paths, "\"totalResults\"", PEER_CONNECTIONS, PEER_MEASURE, Duration.ofSeconds(60));
            log("peer: %d requests in %d s over %d connections", r.requests(), PEER_MEASURE.toSeconds(), PEER_CONNECTIONS);
            return r;
        }
    }

    /** Stores {@code users} users through SCIM Bulk, 1,000 operations a request. */
    private static void seedByBulk(URI base, String secret, int users) throws Exception {
        long t0 = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int from = 0; from < users; from += 1_000) {
            StringBuilder ops = new StringBuilder();
            for (int i = from; i < Math.min(users, from + 1_000); i++) {
                if (ops.length() > 0) ops.append(',');
                ops.append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u").append(i).append("\",\"data\":")
                        .append(userJson(userName(i))).append('}');
            }
            String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"failOnErrors\":1,\"Operations\":[" + ops + "]}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/Bulk"))
                    .header("Authorization", "Bearer " + secret).header("Content-Type", "application/scim+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode reply = JSON.readTree(r.body());
            if (r.statusCode() != 200) throw new IllegalStateException("bulk seeding failed: " + r.statusCode() + " " + r.body());
            for (JsonNode op : reply.path("Operations")) {
                if (!op.path("status").asText().equals("201")) throw new IllegalStateException("bulk seeding failed: " + op);
            }
        }
        log("seeded %d users into the gateway by SCIM Bulk in %.1f s", users, (System.nanoTime() - t0) / 1e9);
    }

    private static String userJson(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,"displayName":"Bench User",\
                "name":{"givenName":"Bench","familyName":"User"},"emails":[{"type":"work","value":"%s","primary":true}]}\
                """.formatted(userName, userName);
    }

    /** POSTs new users to a gateway that provisions each into the emulated fabrikam tenant before replying. */
    private static WrkLoad.Result post(Path dir, int connections) throws Exception {
        EmulatorConfig emulatorConfig = new EmulatorConfig(List.of(
                new TenantConfig("contoso", CONTOSO, Cloud.GLOBAL, null, List.of("contoso.com"),
                        List.of(new AppRegistration("bench-c", APP_SECRET, "Bench", Set.copyOf(AppRegistration.ALL_ROLES)))),
                new TenantConfig("fabrikam", FABRIKAM, Cloud.GLOBAL, null, List.of("fabrikam.com"),
                        List.of(new AppRegistration("bench-f", APP_SECRET, "Bench", Set.copyOf(AppRegistration.ALL_ROLES))))),
                EmulatorConfig.randomSecret());
        Path emulatorDir = Files.createTempDirectory(dir, "emulator");
        try (EmulatorServer emulator = EmulatorServer.start(new EmulatorServer.Options(emulatorConfig, 0, Optional.empty(),
                emulatorDir.resolve("ca.pem"), Optional.empty()))) {
            allowSync(emulator);
            String secret = SecretHash.newSecret(new SecureRandom());
            GatewayConfig config = GatewayConfig.parse(gatewayYaml(secret, Optional.of(emulator)));
            Optional<Path> data = STORE.equals("file") ? Optional.of(Files.createTempDirectory(dir, "gateway")) : Optional.empty();
            try (GatewayServer gateway = GatewayServer.start(GatewayServer.Options.of(config, 0, data)
                    .withProvisioning(TargetProvisioning.factory(data, Clock.systemUTC(), Duration.ofSeconds(5))))) {
                WrkLoad wrk = new WrkLoad(dir, secret);
                URI root = URI.create("http://127.0.0.1:" + gateway.port());
                String path = gateway.baseUri().getPath() + "/Users";
                String template = userJson("%USER%").replace("\n", "");
                wrk.post(root, path, template, "warm" + System.nanoTime(), STATE_SYNCED, connections, WARMUP);
                WrkLoad.Result r = profiled("post", () -> wrk.post(root, path, template, "run" + System.nanoTime(), STATE_SYNCED, connections, MEASURE));
                log("target users in fabrikam after the run: %d (every reply said synced)", targetUsers(emulator));
                logGraphCalls(emulator);
                return r;
            }
        }
    }

    /** What the target writes cost in Graph requests, from the emulator's journal (its most recent entries). */
    private static void logGraphCalls(EmulatorServer emulator) {
        var entries = emulator.components().journal().since(0);
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        for (var e : entries) {
            String path = e.path().replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}").replaceAll("\\?.*", "?…");
            byKind.merge(e.method() + " " + path + " " + e.status(), 1L, Long::sum);
        }
        log("Graph requests in the emulator's journal (last %d): %s", entries.size(), byKind);
    }

    private static long targetUsers(EmulatorServer emulator) {
        var components = emulator.components();
        return components.db().transaction(c -> components.store().count(c, FABRIKAM.toString(), "user", false, null, List.of()));
    }

    private static String gatewayYaml(String secret, Optional<EmulatorServer> emulator) {
        String target = emulator.map(e -> """
                      authorityHost: %s
                      graphBaseUrl: %s/v1.0
                      tenantId: %s
                      clientId: bench-f
                      clientSecret: %s
                      caCertificate: %s
                """.formatted(e.baseUri(), e.baseUri(), FABRIKAM, APP_SECRET, e.caCertificate())).orElse("""
                      authorityHost: https://login.microsoftonline.com
                      graphBaseUrl: https://graph.microsoft.com/v1.0
                      tenantId: %s
                      clientId: unused
                      clientSecret: unused-secret
                """.formatted(FABRIKAM));
        return """
                connections:
                  - id: contoso-to-fabrikam
                    sourceTenantId: %s
                    target:
                %s
                    mappings:
                      extends: cts-defaults
                      mappings: []
                    provisioningWait: PT10S
                    authentication:
                      bearerSecretHashes: ["%s"]
                """.formatted(CONTOSO, target.stripTrailing(), SecretHash.of(secret, new SecureRandom()));
    }

    /** Both halves of the cross-tenant sync opt-in, as an admin sets them through Graph. */
    private static void allowSync(EmulatorServer emulator) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(LoopbackCertificates.clientContextFor(emulator.caCertificate())).build();
        String fabrikam = token(http, emulator, FABRIKAM, "bench-f");
        String contoso = token(http, emulator, CONTOSO, "bench-c");
        String partners = "/v1.0/policies/crossTenantAccessPolicy/partners";
        graph(http, emulator, fabrikam, "POST", partners, "{\"tenantId\":\"" + CONTOSO + "\"}");
        graph(http, emulator, fabrikam, "PUT", partners + "/" + CONTOSO + "/identitySynchronization",
                "{\"displayName\":\"Contoso\",\"userSyncInbound\":{\"isSyncAllowed\":true}}");
        graph(http, emulator, fabrikam, "PATCH", partners + "/" + CONTOSO, "{\"automaticUserConsentSettings\":{\"inboundAllowed\":true}}");
        graph(http, emulator, contoso, "POST", partners, "{\"tenantId\":\"" + FABRIKAM + "\"}");
        graph(http, emulator, contoso, "PATCH", partners + "/" + FABRIKAM, "{\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}");
    }

    private static String token(HttpClient http, EmulatorServer emulator, UUID tenant, String clientId) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + APP_SECRET
                + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private static void graph(HttpClient http, EmulatorServer emulator, String token, String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }

    private static <T extends WrkLoad.Result> T profiled(String label, java.util.concurrent.Callable<T> measured) throws Exception {
        if (JFR_DIR == null) return withCpu(label, measured);
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            // wrk and the server share two cores: at the profile's 10 ms too few samples land to tell stages apart
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            T result = withCpu(label, measured);
            recording.stop();
            Path out = Path.of(JFR_DIR).resolve(label + ".jfr");
            recording.dump(out);
            log("JFR recording of the measured window: %s", out);
            return result;
        }
    }

    /**
     * Logs this JVM's CPU time per request over the measured window: unlike req/s it hardly depends on what else the
     * machine is running, so it tells whether a change made the server cheaper.
     */
    private static <T extends WrkLoad.Result> T withCpu(String label, java.util.concurrent.Callable<T> measured) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        java.util.Map<Long, Long> http0 = httpThreadCpu();
        T result = measured.call();
        long cpu = os.getProcessCpuTime() - cpu0;
        long http = 0;
        for (var e : httpThreadCpu().entrySet()) http += e.getValue() - http0.getOrDefault(e.getKey(), 0L);
        log("%s: %.0f us of server-JVM CPU per request, %.0f us of it on the HTTP threads (%d requests, load average %.1f)",
                label, cpu / 1e3 / result.requests(), http / 1e3 / result.requests(), result.requests(), os.getSystemLoadAverage());
        return result;
    }

    /**
     * CPU time of the server's HTTP threads (Grizzly's selectors and workers) by thread id: the request path alone,
     * without the JIT compiler and GC threads whose share depends on how warm the JVM got on a loaded machine.
     */
    private static java.util.Map<Long, Long> httpThreadCpu() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("grizzly")) {
                long time = threads.getThreadCpuTime(t.getId());
                if (time >= 0) cpu.put(t.getId(), time);
            }
        }
        return cpu;
    }

    private static void log(String fmt, Object... args) {
        System.err.printf(fmt + "%n", args);
    }
}
