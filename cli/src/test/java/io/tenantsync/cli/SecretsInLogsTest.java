package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.tenantsync.cli.demo.DemoTenants;
import io.tenantsync.gateway.auth.SecretHash;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM (every logger at DEBUG, captured by an appender on the root logger) and everything the
 * commands print, over an emulator + gateway + sync job run with its failures — a wrong app secret, refused bearer
 * secrets and JWTs, a token on the emulator's controls, throttling — holds no secret: no app secret, no gateway
 * bearer secret, no control token, no JWT.
 */
class SecretsInLogsTest {

    @TempDir
    Path tmp;

    /** Keeps every event with its message and stack trace as text. */
    static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            lines.add(line);
        }
    }

    @Test
    void noSecretReachesAnyLogLineThroughAnEndToEndRunWithFailures() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        // the loggers that see credentials: ours, azure-identity and MSAL (which the test configuration quietens)
        List<Logger> opened = List.of(root, context.getLogger("io.tenantsync"), context.getLogger("com.azure"),
                context.getLogger("com.microsoft.aad.msal4j"), context.getLogger("com.microsoft.graph"),
                context.getLogger("com.microsoft.kiota"));
        List<Level> levels = opened.stream().map(Logger::getLevel).toList();
        Capture capture = new Capture();
        capture.setContext(context);
        capture.start();
        root.addAppender(capture);
        opened.forEach(logger -> logger.setLevel(Level.DEBUG));
        List<String> printed = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        try (TwoTenants tenants = new TwoTenants(tmp)) {
            secrets.addAll(SecretScan.secretsOf(tenants.config));
            HttpClient http = HttpClient.newBuilder().sslContext(io.tenantsync.core.target.CaCertificateTrust
                    .fromPem(tenants.pem).sslContext()).build();
            String authority = tenants.server.baseUri().toString();
            String sourceToken = tenants.sourceAdmin.token();
            String targetToken = tenants.targetAdmin.token();
            secrets.add(SecretScan.signatureOf(sourceToken));
            secrets.add(SecretScan.signatureOf(targetToken));

            // the identity platform: a wrong client secret
            var app = DemoTenants.admin(tenants.source);
            String wrongSecret = "Wr0ng-" + app.clientSecret();
            secrets.add(wrongSecret);
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(authority + "/" + tenants.source.tenantId()
                            + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                            + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8)
                            + "&client_id=" + app.clientId() + "&client_secret=" + URLEncoder.encode(wrongSecret, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(401);
            assertThat(token.body()).doesNotContain(wrongSecret);

            // Graph: an unsigned JWT (alg none) and a token of another tenant's app on the controls
            String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"tid\":\"" + tenants.source.tenantId()
                    + "\",\"aud\":\"https://graph.microsoft.com\"}") + ".";
            assertThat(get(http, authority + "/v1.0/users", none).statusCode()).isEqualTo(401);
            assertThat(get(http, authority + "/_emulator/clock", sourceToken).statusCode()).isEqualTo(401);
            assertThat(get(http, authority + "/_emulator/clock", tenants.config.controlToken()).statusCode()).isEqualTo(200);

            // the gateway in this JVM: a good secret, a wrong one, an emulator-issued JWT, none
            String bearer = SecretHash.newSecret(new SecureRandom());
            secrets.add(bearer);
            Path gatewayConfig = tmp.resolve("gateway.yaml");
            Files.writeString(gatewayConfig, "connections:\n  - id: logs\n    sourceTenantId: " + tenants.source.tenantId()
                    + "\n    target:\n      authorityHost: " + authority + "\n      graphBaseUrl: " + authority + "/v1.0\n"
                    + "      tenantId: " + tenants.target.tenantId() + "\n      clientId: " + DemoTenants.admin(tenants.target).clientId()
                    + "\n      clientSecret: \"" + DemoTenants.admin(tenants.target).clientSecret() + "\"\n      caCertificate: "
                    + tenants.pem + "\n    authentication:\n      bearerSecretHashes: [\"" + SecretHash.of(bearer, new SecureRandom()) + "\"]\n");
            try (CliRun.Serving gateway = CliRun.serve("gateway", "--config", gatewayConfig.toString(), "--port", "0")) {
                var url = java.util.regex.Pattern.compile("SCIM +(http://\\S+)").matcher(gateway.out());
                assertThat(url.find()).as(gateway.out()).isTrue();
                String scim = url.group(1);
                String user = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"logs@contoso.com\","
                        + "\"active\":true,\"emails\":[{\"value\":\"logs@contoso.com\",\"primary\":true}]}";
                assertThat(post(http, scim + "/Users", bearer, user).statusCode()).isEqualTo(201);
                assertThat(post(http, scim + "/Users", "Wr0ng-" + bearer, user).statusCode()).isEqualTo(401);
                assertThat(post(http, scim + "/Users", targetToken, user).statusCode()).isEqualTo(401);
                assertThat(post(http, scim + "/Users", none, user).statusCode()).isEqualTo(401);
                assertThat(gateway.stop()).isZero();
                printed.add(gateway.out());
                printed.add(gateway.err());
            }

            // the sync job: a wrong source secret (refused, quarantined), then a good run under throttling
            tenants.seedSourceUsers("logs", 1, 12);
            Path wrongJob = tenants.jobFile(tmp, "wrong", "assignment: ALL_USERS\n", "", wrongSecret);
            CliRun.Result refused = CliRun.run("sync", "run", "--once", "--config", wrongJob.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            printed.add(refused.out());
            printed.add(refused.err());
            HttpResponse<String> throttle = http.send(HttpRequest.newBuilder(URI.create(authority + "/_emulator/throttle"))
                    .header("Authorization", "Bearer " + tenants.config.controlToken()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"profile\":\"custom\",\"requestsPerSecond\":20,\"burst\":5,"
                            + "\"writesPerSecond\":4,\"writeBurst\":2,\"scope\":\"appTenant\",\"sendRetryAfter\":true}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(throttle.statusCode()).as(throttle.body()).isEqualTo(200);
            Path job = tenants.jobFile(tmp, "good", "assignment: ALL_USERS\n", "");
            CliRun.Result run = CliRun.run("sync", "run", "--once", "--config", job.toString());
            printed.add(run.out());
            printed.add(run.err());
            printed.add(CliRun.run("logs", "--config", job.toString(), "--json", "--limit", "100").out());
            printed.add(CliRun.run("logs", "--config", wrongJob.toString(), "--json").out());
            printed.add(CliRun.run("sync", "status", "--json", "--config", wrongJob.toString()).out());
            var journal = get(http, authority + "/_emulator/journal?after=0&path=/users", tenants.config.controlToken());
            assertThat(journal.body()).as("the job was throttled").contains("\"status\":429");
        } finally {
            root.detachAppender(capture);
            for (int i = 0; i < opened.size(); i++) opened.get(i).setLevel(levels.get(i));
        }

        String logged = String.join("\n", capture.lines);
        // the capture sees what it must: both servers' start lines and the refused token request of the job
        assertThat(logged).contains("tenant emulator serving 2 tenants").contains("SCIM gateway serving 1 connections");
        assertThat(logged).containsIgnoringCase("AADSTS7000215");
        assertThat(capture.lines.size()).as("lines captured").isGreaterThan(50);
        SecretScan.assertClean("the in-JVM log", logged, secrets);
        SecretScan.assertClean("the commands' output", String.join("\n", printed), secrets);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(HttpClient http, String url, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String bearer, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/scim+json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
