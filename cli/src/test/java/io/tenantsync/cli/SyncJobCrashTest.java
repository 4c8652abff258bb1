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
 * shows partial progress) and restarted on the same data directory: once during its initial cycle, then during
 * incremental cycles, after which each restarted process goes on from its watermarks with an incremental cycle. The
 * target converges to every in-scope user exactly once, nothing is duplicated or deleted. CI runs {@value #DEFAULT_USERS} users and
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
            int firstHalf = users / 2;
            List<String> ids = new ArrayList<>(tenants.seedSourceUsers("jobcrash", 1, firstHalf));
            Path job = tenants.jobFile(tmp, "crash-job", "assignment: ALL_USERS\n",
                    "schedule: {interval: PT2S}\nparallelism: 4\ndeletionThreshold: {limit: 500}\n");
            Path logs = tmp.resolve("logs");
            List<String> args = List.of("sync", "run", "--config", job.toString());
            List<String> killLog = new ArrayList<>();

            // the first kill lands in the initial cycle, which has no watermark yet: the next process reads
            // everything again, and its links make it skip who is already there
            CliProcess run = startJob(logs, args);
            killMidCycle(tenants, run, firstHalf, random, killLog);
            run = startJob(logs, args);
            String initial = run.await(Pattern.compile("(cycle \\S+ initial: [^\\n]*failed 0 in [^\\n]*)\\n"));
            assertThat(initial).doesNotContain("did not complete");

            // the other half arrives; the later kills land in incremental cycles, and each restarted process goes on
            // from the stored watermarks (and the assigned groups' membership saved with them). The target answers
            // invitations slowly from now on, or a small incremental cycle could end before the kill
            tenants.slowTargetInvitations(Duration.ofMillis(100));
            ids.addAll(tenants.seedSourceUsers("jobcrash", firstHalf + 1, users - firstHalf));
            for (int k = 1; k < kills; k++) {
                killMidCycle(tenants, run, users, random, killLog);
                run = startJob(logs, args);
            }
            CliProcess last = run;
            String cycle = last.await(Pattern.compile("(cycle \\S+ \\S+: [^\\n]*)\\n"));
            assertThat(cycle).as("the first cycle after the last kill goes on from the watermarks")
                    .contains(" incremental: created ").doesNotContain(" created 0,").contains(" failed 0 in ")
                    .doesNotContain("did not complete");
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
            assertThat(out).as("the processes' output was captured").contains(" initial: created ").contains(" incremental: created ");
            SecretScan.assertClean("sync run stdout", out, secrets);
            SecretScan.assertClean("sync run stderr", err, secrets);
            System.out.printf(Locale.ROOT, "sync job crash run (seed %d): %d users, %d kills (%s), final cycle: %s; "
                            + "0 duplicates, 0 deletions; %.1f s%n", seed, users, kills, killLog, cycle,
                    Duration.between(began, Instant.now()).toMillis() / 1000.0);
        }
    }

    private static CliProcess startJob(Path logs, List<String> args) throws Exception {
        CliProcess run = CliProcess.start(logs, "sync", args);
        run.await(Pattern.compile("running cycles until Ctrl-C"));
        return run;
    }

    /** Kills {@code run} with SIGKILL once the target holds a random share of what is still to come of {@code of}. */
    private static void killMidCycle(TwoTenants tenants, CliProcess run, int of, Random random, List<String> killLog)
            throws InterruptedException {
        int before = targetCount(tenants);
        int at = before + (int) ((of - before) * (0.15 + 0.5 * random.nextDouble()));
        awaitTargetCount(tenants, at, run);
        int done = targetCount(tenants);
        run.kill();
        killLog.add("killed at " + done + " of " + of + " in the target");
        assertThat(done).as("killed mid-cycle").isLessThan(of);
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
