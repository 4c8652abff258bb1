package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenantsync sync run} in its own process with a file store, killed with SIGKILL mid-cycle (when the target
 * shows partial progress) and restarted on the same data directory: the job resumes, the target converges to every
 * in-scope user exactly once, nothing is duplicated or deleted. CI runs {@value #DEFAULT_USERS} users and
 * {@value #DEFAULT_KILLS} kills; {@code -Dcrash.users=5000} runs the full size (README, "Tests").
 */
class SyncJobCrashTest {
    static final int DEFAULT_USERS = 200;
    static final int DEFAULT_KILLS = 3;

    @TempDir
    Path tmp;

    @Test
    void aJobKilledMidCycleResumesAndConvergesWithoutDuplicates() throws Exception {
        int users = Integer.getInteger("crash.users", DEFAULT_USERS);
        int kills = Integer.getInteger("crash.job.kills", DEFAULT_KILLS);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Instant began = Instant.now();
        try (TwoTenants tenants = new TwoTenants(tmp)) {
            List<String> ids = tenants.seedSourceUsers("jobcrash", 1, users);
            Path job = tenants.jobFile(tmp, "crash-job", "assignment: ALL_USERS\n",
                    "schedule: {interval: PT2S}\nparallelism: 4\ndeletionThreshold: {limit: 500}\n");
            Path logs = tmp.resolve("logs");
            List<String> args = List.of("sync", "run", "--config", job.toString());

            List<String> killLog = new ArrayList<>();
            for (int k = 0; k < kills; k++) {
                int before = targetCount(tenants);
                // a kill point in the part of the load still to do, so each kill lands inside a cycle that is writing
                int at = before + (int) ((users - before) * (0.15 + 0.5 * random.nextDouble()));
                CliProcess run = CliProcess.start(logs, "sync", args);
                run.await(Pattern.compile("running cycles until Ctrl-C"));
                awaitTargetCount(tenants, at, run);
                int done = targetCount(tenants);
                run.kill();
                killLog.add("killed at " + done + " of " + users + " in the target");
                assertThat(done).as("killed mid-cycle").isLessThan(users);
            }

            CliProcess last = CliProcess.start(logs, "sync", args);
            last.await(Pattern.compile("running cycles until Ctrl-C"));
            String cycle = last.await(Pattern.compile("(cycle \\S+ initial: [^\\n]*failed 0 in [^\\n]*)\\n"));
            assertThat(cycle).doesNotContain("did not complete");
            last.await(Pattern.compile("cycle \\S+ incremental: created 0, updated 0, disabled 0, deleted 0"));

            // the store is single-writer: an administrative command next to the running job says so
            CliRun.Result approve = CliRun.run("sync", "approve-deletes", "--config", job.toString());
            assertThat(approve.exitCode()).isEqualTo(1);
            assertThat(approve.err()).contains("held by another process").doesNotContain("\tat ");

            assertThat(last.terminate()).as("SIGTERM: the JVM's exit status after its shutdown hooks").isEqualTo(143);
            assertThat(last.output()).endsWith("stopped.\n");

            Map<String, Integer> byAddress = new HashMap<>();
            for (JsonNode u : tenants.targetUsers(false)) byAddress.merge(GatewayCrashTest.invitedAddress(u), 1, Integer::sum);
            List<JsonNode> deleted = tenants.targetUsers(true);
            assertThat(deleted).as("nothing soft-deleted").isEmpty();
            assertThat(byAddress).hasSize(users);
            assertThat(byAddress.values()).as("target users per invited address").allMatch(n -> n == 1);
            for (int i = 1; i <= users; i++) {
                assertThat(byAddress).containsKey(("jobcrash" + i + "@" + tenants.source.initialDomain()).toLowerCase(Locale.ROOT));
            }
            try (JdbcSyncStore store = JdbcSyncStore.inDirectory(tmp.resolve("crash-job-data"), Clock.systemUTC())) {
                ConnectionId connection = ConnectionId.of("crash-job");
                assertThat(store.links().count(connection, ObjectType.USER)).isEqualTo(users);
                Set<String> targets = new HashSet<>();
                for (String id : ids) {
                    targets.add(store.links().bySource(connection, ObjectType.USER, id).map(ObjectLink::targetId).orElseThrow());
                }
                assertThat(targets).as("one target object per source user").hasSize(users);
            }
            List<String> secrets = new ArrayList<>(SecretScan.secretsOf(tenants.config));
            secrets.add(SecretScan.signatureOf(tenants.sourceAdmin.token()));
            String out = CliProcess.read(logs.resolve("sync.out")), err = CliProcess.read(logs.resolve("sync.err"));
            assertThat(out.split("sync job crash-job: ", -1)).as("every start printed its banner").hasSize(kills + 2);
            assertThat(out).as("the processes' output was captured").contains(" initial: created ");
            SecretScan.assertClean("sync run stdout", out, secrets);
            SecretScan.assertClean("sync run stderr", err, secrets);
            System.out.printf(Locale.ROOT, "sync job crash run (seed %d): %d users, %d kills (%s), final cycle: %s; "
                            + "0 duplicates, 0 deletions; %.1f s%n", seed, users, kills, killLog, cycle,
                    Duration.between(began, Instant.now()).toMillis() / 1000.0);
        }
    }

    private static int targetCount(TwoTenants tenants) {
        return tenants.targetUsers(false).size();
    }

    private static void awaitTargetCount(TwoTenants tenants, int count, CliProcess run) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (targetCount(tenants) < count) {
            if (run.exitCode().isPresent()) throw new AssertionError("sync run ended: " + run.output());
            if (Instant.now().isAfter(deadline)) throw new AssertionError("no progress to " + count + ": " + run.output());
            Thread.sleep(20);
        }
    }
}
