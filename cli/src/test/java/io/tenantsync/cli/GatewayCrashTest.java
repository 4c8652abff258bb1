package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.cli.demo.DemoTenants;
import io.tenantsync.gateway.auth.SecretHash;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in its own process with a file database, killed with SIGKILL at random points of a bulk load and
 * restarted on the same data directory each time: every acknowledged SCIM write is there afterwards, the target
 * tenant converges to every user exactly once, and nothing is duplicated. CI runs {@value #DEFAULT_USERS} users and
 * {@value #DEFAULT_KILLS} kills; {@code -Dcrash.users=5000} runs the full size (README, "Tests").
 */
class GatewayCrashTest {
    static final int DEFAULT_USERS = 200;
    static final int DEFAULT_KILLS = 5;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedWriteSurvivesFiveSigkillsAndTheTargetConvergesWithoutDuplicates() throws Exception {
        int users = Integer.getInteger("crash.users", DEFAULT_USERS);
        int kills = Integer.getInteger("crash.kills", DEFAULT_KILLS);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Instant began = Instant.now();
        try (TwoTenants tenants = new TwoTenants(tmp)) {
            String secret = SecretHash.newSecret(new SecureRandom());
            Path config = gatewayConfig(tenants, secret);
            Path data = tmp.resolve("gateway-data");
            Path logs = tmp.resolve("logs");
            List<String> args = List.of("gateway", "--config", config.toString(), "--port", "0", "--data-dir", data.toString());

            CliProcess[] gateway = {start(logs, args)};
            URI[] base = {scimUrl(gateway[0])};
            String domain = "contoso.com";
            ScimLoader loader = new ScimLoader(() -> base[0], secret, domain);

            // kill points: random counts of acknowledged writes, spread over the load
            List<Integer> killAt = new ArrayList<>();
            for (int k = 0; k < kills; k++) {
                killAt.add((int) (users * (0.05 + 0.85 * (k + random.nextDouble()) / kills)));
            }
            List<String> killLog = new ArrayList<>();
            Thread killer = new Thread(() -> {
                try {
                    for (int at : killAt) {
                        while (loader.done() < at) Thread.sleep(5);
                        Thread.sleep(random.nextInt(200));
                        int done = loader.done();
                        gateway[0].kill();
                        killLog.add("killed at " + done + " acknowledged");
                        gateway[0] = start(logs, args);
                        base[0] = scimUrl(gateway[0]);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    killLog.add("killer failed: " + e);
                }
            }, "gateway-killer");
            killer.start();

            loader.load(users, 8, Duration.ofMinutes(10));
            killer.join(Duration.ofMinutes(2).toMillis());
            Duration loaded = Duration.between(began, Instant.now());
            assertThat(killLog).as("kills (seed " + seed + ")").hasSize(kills).allMatch(l -> l.startsWith("killed"));

            // every acknowledged write is stored, under the id it was acknowledged with, once
            Map<String, Integer> counts = new HashMap<>();
            Map<String, JsonNode> stored = loader.all(counts);
            assertThat(counts.values()).as("SCIM users per userName").allMatch(n -> n == 1);
            assertThat(stored).hasSize(users);
            loader.acknowledged.forEach((userName, id) -> {
                JsonNode stored1 = stored.get(userName);
                assertThat(stored1).as("acknowledged " + userName).isNotNull();
                assertThat(stored1.path("id").asText()).as(userName).isEqualTo(id);
            });

            // the target converges: every user exactly once, active, none soft-deleted
            Map<String, Integer> inTarget = awaitTarget(tenants, users, Duration.ofMinutes(3));
            Duration converged = Duration.between(began, Instant.now());
            assertThat(inTarget).hasSize(users);
            assertThat(inTarget.values()).as("target users per invited address").allMatch(n -> n == 1);
            assertThat(tenants.targetUsers(true)).as("soft-deleted target users").isEmpty();
            for (int i = 1; i <= users; i++) {
                assertThat(inTarget).containsKey(ScimLoader.userName(i, domain));
            }

            // a JVM ended by SIGTERM exits 143 once its shutdown hooks (the gateway's cleanup) have run
            assertThat(gateway[0].terminate()).as("the last gateway stops on SIGTERM").isEqualTo(143);
            // nothing the processes printed or logged over six starts carries a secret
            List<String> secrets = new ArrayList<>(SecretScan.secretsOf(tenants.config));
            secrets.add(secret);
            secrets.add(SecretScan.signatureOf(tenants.targetAdmin.token()));
            String out = CliProcess.read(logs.resolve("gateway.out")), err = CliProcess.read(logs.resolve("gateway.err"));
            assertThat(out.split("SCIM gateway ready", -1)).as("every start printed its banner").hasSize(kills + 2);
            assertThat(out + err).as("the processes' logs were captured").contains("SCIM gateway serving 1 connections");
            SecretScan.assertClean("gateway stdout", out, secrets);
            SecretScan.assertClean("gateway stderr", err, secrets);
            System.out.printf(Locale.ROOT, "gateway crash run (seed %d): %d users, %d kills (%s), %d acknowledged writes, "
                            + "%d recovered after a 409, %d failed attempts retried, 0 duplicates in the gateway and the "
                            + "target; loaded in %.1f s, target converged at %.1f s, %.1f s in all%n", seed, users, kills, killLog, loader.acknowledged.size(),
                    loader.recovered.size(), loader.failedAttempts.get(), loaded.toMillis() / 1000.0,
                    converged.toMillis() / 1000.0, Duration.between(began, Instant.now()).toMillis() / 1000.0);
        }
    }

    private static CliProcess start(Path logs, List<String> args) throws java.io.IOException {
        return CliProcess.start(logs, "gateway", args);
    }

    private static URI scimUrl(CliProcess gateway) throws InterruptedException {
        gateway.await(Pattern.compile("Serving until Ctrl-C\\."));
        return URI.create(gateway.await(Pattern.compile("SCIM +(http://\\S+)")));
    }

    /** Waits until the target holds {@code users} users whose invited address is one of ours; counts by address. */
    static Map<String, Integer> awaitTarget(TwoTenants tenants, int users, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Integer> byAddress;
        do {
            byAddress = new HashMap<>();
            for (JsonNode u : tenants.targetUsers(false)) byAddress.merge(invitedAddress(u), 1, Integer::sum);
            for (JsonNode u : tenants.targetUsers(true)) byAddress.merge(invitedAddress(u), 1, Integer::sum);
            if (byAddress.size() >= users) return byAddress;
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        return byAddress;
    }

    /** The address a B2B user was invited with: its mail, else the part of its #EXT# UPN before the marker. */
    static String invitedAddress(JsonNode user) {
        String mail = user.path("mail").asText("");
        if (!mail.isEmpty()) return mail.toLowerCase(Locale.ROOT);
        String upn = user.path("userPrincipalName").asText();
        String local = upn.substring(0, upn.indexOf("#EXT#"));
        int at = local.lastIndexOf('_');
        return (local.substring(0, at) + "@" + local.substring(at + 1)).toLowerCase(Locale.ROOT);
    }

    private Path gatewayConfig(TwoTenants tenants, String secret) throws java.io.IOException {
        var app = DemoTenants.admin(tenants.target);
        String yaml = "connections:\n"
                + "  - id: crash\n"
                + "    sourceTenantId: " + tenants.source.tenantId() + "\n"
                + "    target:\n"
                + "      authorityHost: " + tenants.server.baseUri() + "\n"
                + "      graphBaseUrl: " + tenants.server.baseUri() + "/v1.0\n"
                + "      tenantId: " + tenants.target.tenantId() + "\n"
                + "      clientId: " + app.clientId() + "\n"
                + "      clientSecret: \"" + app.clientSecret() + "\"\n"
                + "      caCertificate: " + tenants.pem + "\n"
                + "    provisioningWait: PT0S\n"
                + "    authentication:\n"
                + "      bearerSecretHashes: [\"" + SecretHash.of(secret, new SecureRandom()) + "\"]\n";
        Path file = tmp.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
