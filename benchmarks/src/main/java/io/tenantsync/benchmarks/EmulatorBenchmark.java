package io.tenantsync.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.server.EmulatorServer;
import io.tenantsync.emulator.tls.LoopbackCertificates;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Emulator benchmarks: the emulator runs in this JVM on a loopback HTTPS port; the load generator drives it over
 * real HTTPS with the JDK HTTP client from worker threads, on the same machine.
 */
public final class EmulatorBenchmark {
    private static final UUID CONTOSO = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID FABRIKAM = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final int SMALL = 1_000, LARGE = 100_000;
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 15));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    private static final int THREADS = Integer.getInteger("bench.threads", 12);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code https} (default) or {@code http}: the emulator's optional plain-HTTP listener, to see what TLS costs. */
    private static final String SCHEME = System.getProperty("bench.scheme", "https");

    private EmulatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        switch (name) {
            case "emulator-read" -> {
                jvmWarmup(() -> readRate(SMALL, Workload.GET_BY_ID));
                double small = readRate(SMALL, Workload.GET_BY_ID);
                double large = readRate(LARGE, Workload.GET_BY_ID);
                log("GET /users/{id}: %.0f req/s at 1k users, %.0f req/s at 100k users", small, large);
                System.out.printf("emulator-read: %.0f req/s%n", Math.min(small, large));
            }
            case "emulator-filter-ratio" -> {
                jvmWarmup(() -> readRate(SMALL, Workload.FILTER_MAIL));
                double small = readRate(SMALL, Workload.FILTER_MAIL);
                double large = readRate(LARGE, Workload.FILTER_MAIL);
                log("GET /users?$filter=mail eq: %.0f req/s at 1k users, %.0f req/s at 100k users", small, large);
                System.out.printf("emulator-filter-ratio: %.2f x%n", small / large);
            }
            case "emulator-write" -> {
                jvmWarmup(() -> writeRate(SMALL));
                double small = writeRate(SMALL);
                double large = writeRate(LARGE);
                log("invitation+PATCH: %.0f writes/s at 1k users, %.0f writes/s at 100k users (each pair is two writes)", small, large);
                System.out.printf("emulator-write: %.0f writes/s%n", Math.min(small, large));
            }
            case "emulator-heap-100k" -> {
                try (Bench b = new Bench(LARGE)) {
                    long used = settledHeapUsed();
                    log("heap used with %d users in one tenant: %d MiB (max heap %d MiB)", LARGE, used >> 20,
                            Runtime.getRuntime().maxMemory() >> 20);
                    System.out.printf("emulator-heap-100k: %d MiB%n", used >> 20);
                }
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + name);
        }
        System.exit(0);
    }

    /**
     * One untimed round before the measured ones, so that neither size is measured on a cold JIT: without it the
     * first size measured came out up to 40% slower, whichever it was.
     */
    private static void jvmWarmup(java.util.concurrent.Callable<Double> round) throws Exception {
        log("JVM warm-up round (not measured): %.0f/s", round.call());
    }

    private enum Workload { GET_BY_ID, FILTER_MAIL }

    private static double readRate(int users, Workload w) throws Exception {
        try (Bench b = new Bench(users)) {
            List<String> ids = b.sampleUsers(2_000);
            List<String> paths = ids.stream().map(line -> switch (w) {
                case GET_BY_ID -> "/v1.0/users/" + line.split(" ")[0];
                case FILTER_MAIL -> "/v1.0/users?$filter=" + enc("mail eq '" + line.split(" ")[1] + "'");
            }).toList();
            if (Wrk.available()) {
                // wrk (C, event loop) leaves most of the two cores to the emulator; the JDK client would take half
                return new Wrk(b.root(), b.token, paths, b.dir).rate(WARMUP, MEASURE);
            }
            log("wrk not on PATH: using the JDK HTTP client as load generator (it competes for the same cores)");
            Op op = () -> b.get(paths.get(ThreadLocalRandom.current().nextInt(paths.size())), 200);
            return b.rate(op, 1);
        }
    }

    private static double writeRate(int users) throws Exception {
        try (Bench b = new Bench(users)) {
            b.allowAutoRedemption();
            AtomicInteger n = new AtomicInteger();
            Op op = () -> {
                int i = n.incrementAndGet();
                String body = "{\"invitedUserEmailAddress\":\"guest" + i + "@fabrikam.com\",\"inviteRedirectUrl\":\"https://myapps.microsoft.com\","
                        + "\"invitedUserType\":\"Member\",\"sendInvitationMessage\":false}";
                JsonNode inv = b.send("POST", "/v1.0/invitations", body, 201);
                String id = inv.path("invitedUser").path("id").asText();
                b.send("PATCH", "/v1.0/users/" + id, "{\"department\":\"Bench\",\"companyName\":\"Contoso (Synced)\","
                        + "\"onPremisesExtensionAttributes\":{\"extensionAttribute1\":\"x" + i + "\"}}", 204);
            };
            return b.rate(op, 2);
        }
    }

    private static long settledHeapUsed() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(300);
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void log(String fmt, Object... args) {
        System.err.printf(fmt + "%n", args);
    }

    /** One emulator with {@code users} seeded users in contoso, and an authenticated HTTPS client. */
    private static final class Bench implements AutoCloseable {
        final EmulatorServer server;
        final HttpClient http;
        final String token;
        final Path dir;

        Bench(int users) throws Exception {
            dir = Files.createTempDirectory("emulator-bench");
            EmulatorConfig config = new EmulatorConfig(List.of(
                    new TenantConfig("contoso", CONTOSO, Cloud.GLOBAL, null, List.of("contoso.com"),
                            List.of(new AppRegistration("bench", "bench-secret-0123456789", "Bench", Set.copyOf(AppRegistration.ALL_ROLES)))),
                    new TenantConfig("fabrikam", FABRIKAM, Cloud.GLOBAL, null, List.of("fabrikam.com"),
                            List.of(new AppRegistration("bench-f", "bench-secret-0123456789", "Bench", Set.copyOf(AppRegistration.ALL_ROLES))))),
                    EmulatorConfig.randomSecret());
            server = EmulatorServer.start(new EmulatorServer.Options(config, 0, Optional.empty(), dir.resolve("ca.pem"), Optional.of(0)));
            long t0 = System.nanoTime();
            server.components().seeder().seedUsers(config.tenant("contoso").orElseThrow(), "user", 0, users);
            log("seeded %d users in %.1f s", users, (System.nanoTime() - t0) / 1e9);
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(LoopbackCertificates.clientContextFor(server.caCertificate()))
                    .executor(Executors.newFixedThreadPool(2)).build();
            token = token(CONTOSO, "bench");
        }

        /** Where the load goes: the HTTPS root, or the plain-HTTP listener with {@code -Dbench.scheme=http}. */
        URI root() {
            return SCHEME.equals("http") ? server.httpBaseUri().orElseThrow() : server.baseUri();
        }

        String token(UUID tenant, String clientId) throws IOException, InterruptedException {
            String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=bench-secret-0123456789"
                    + "&scope=" + enc("https://graph.microsoft.com/.default");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/" + tenant + "/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("access_token").asText();
        }

        /** Puts both tenants' automatic-redemption consents in place so invitations redeem at once. */
        void allowAutoRedemption() throws Exception {
            String targetToken = token;
            String sourceToken = token(FABRIKAM, "bench-f");
            send(targetToken, "POST", "/v1.0/policies/crossTenantAccessPolicy/partners", "{\"tenantId\":\"" + FABRIKAM + "\"}", 201);
            send(targetToken, "PATCH", "/v1.0/policies/crossTenantAccessPolicy/partners/" + FABRIKAM,
                    "{\"automaticUserConsentSettings\":{\"inboundAllowed\":true}}", 204);
            send(sourceToken, "POST", "/v1.0/policies/crossTenantAccessPolicy/partners", "{\"tenantId\":\"" + CONTOSO + "\"}", 201);
            send(sourceToken, "PATCH", "/v1.0/policies/crossTenantAccessPolicy/partners/" + CONTOSO,
                    "{\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}", 204);
        }

        /** "id mail" of up to {@code n} users, read through Graph paging. */
        List<String> sampleUsers(int n) throws Exception {
            List<String> out = new ArrayList<>();
            String next = server.baseUri() + "/v1.0/users?$select=id,mail&$top=999";
            while (next != null && out.size() < n) {
                JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(next)).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode u : page.path("value")) out.add(u.path("id").asText() + " " + u.path("mail").asText());
                next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            }
            return out;
        }

        void get(String path, int expect) throws Exception {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(root() + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != expect) throw new IllegalStateException(path + " -> " + r.statusCode() + " " + new String(r.body()));
        }

        JsonNode send(String method, String path, String body, int expect) throws Exception {
            return send(token, method, path, body, expect);
        }

        JsonNode send(String bearer, String method, String path, String body, int expect) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(root() + path))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expect) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        }

        /** Runs {@code op} from worker threads: warm-up, then a measured window; returns requests per second. */
        double rate(Op op, int requestsPerOp) throws Exception {
            run(op, WARMUP);
            long ops = run(op, MEASURE);
            return ops * requestsPerOp / (double) MEASURE.toSeconds();
        }

        private long run(Op op, Duration d) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder done = new LongAdder();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        op.run();
                        done.increment();
                    }
                    return null;
                }));
            }
            try {
                Thread.sleep(d.toMillis());
                stop.set(true);
                for (Future<?> w : workers) w.get();
            } finally {
                stop.set(true);
                pool.shutdownNow(); // a failed worker must not keep the JVM alive
            }
            return done.sum();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
