package io.tenantsync.benchmarks.cycle;

import com.microsoft.graph.models.User;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.emulator.throttle.ThrottleSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The sync job's cycle benchmarks, over the full loop of {@link CycleRig}: contoso read through delta queries, every
 * user mapped, scoped and provisioned into fabrikam as a B2B member through {@code POST /invitations} and
 * {@code PATCH /users/{id}}, links, log and job state kept in a durable store. The emulator, the job and its
 * Graph clients share this JVM and the machine's cores.
 */
public final class CycleBenchmark {
    private static final int PARALLELISM = Integer.getInteger("bench.parallelism", 32);

    private CycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        switch (name) {
            case "cycle-initial-100k" -> initial100k();
            case "cycle-incremental-noop" -> incrementalNoop();
            case "bulk-5000" -> bulk5000();
            case "writes-per-user" -> writesPerUser();
            case "cycle-throttled-goodput" -> throttledGoodput();
            case "push-latency-p50" -> PushLatency.run();
            default -> throw new IllegalArgumentException("unknown cycle benchmark " + name);
        }
        System.exit(0); // the SDK's HTTP clients keep non-daemon threads
    }

    /** 100,000 users in scope (all users), one initial cycle from an empty target. */
    private static void initial100k() throws Exception {
        int users = Integer.getInteger("bench.users", 100_000);
        try (CycleRig rig = new CycleRig()) {
            seed(rig, users);
            SyncJob job = rig.job(AssignmentScope.allUsers(), PARALLELISM, GraphClientOptions.DEFAULTS);
            CycleSummary first = timedCycle(job, "initial");
            check(first, users);
            System.out.printf("cycle-initial-100k: %.1f s%n", seconds(first));
        }
    }

    /** After the initial cycle over 100,000 users, incremental cycles with nothing changed: the median of five. */
    private static void incrementalNoop() throws Exception {
        int users = Integer.getInteger("bench.users", 100_000);
        try (CycleRig rig = new CycleRig()) {
            seed(rig, users);
            SyncJob job = rig.job(AssignmentScope.allUsers(), PARALLELISM, GraphClientOptions.DEFAULTS);
            check(timedCycle(job, "initial"), users);
            timedCycle(job, "incremental (reads what the initial round overlapped)");
            double[] noop = new double[5];
            for (int i = 0; i < noop.length; i++) {
                long mark = rig.journalMark();
                CycleSummary quiet = timedCycle(job, "no-change incremental " + (i + 1));
                long writes = rig.graphWritesSince(mark, CycleRig.FABRIKAM);
                if (quiet.created() + quiet.updated() + quiet.deleted() + writes > 0 || !quiet.completed()) {
                    throw new IllegalStateException("a no-change cycle changed something: " + quiet + ", " + writes + " writes");
                }
                noop[i] = seconds(quiet);
            }
            Arrays.sort(noop);
            System.out.printf("cycle-incremental-noop: %.3f s%n", noop[noop.length / 2]);
        }
    }

    /**
     * 5,000 source users added to the assigned group (250 {@code PATCH /groups/{id}} of 20 members); the time from the
     * last addition committed until every one of them is a B2B member of the target, by incremental cycles run back to
     * back as continuous mode does.
     */
    private static void bulk5000() throws Exception {
        int users = Integer.getInteger("bench.users", 5_000);
        try (CycleRig rig = new CycleRig()) {
            List<String> ids = seed(rig, users);
            String group = rig.createGroup("Bulk");
            SyncJob job = rig.job(AssignmentScope.assigned(Set.of(), Set.of(group)), PARALLELISM,
                    GraphClientOptions.DEFAULTS);
            timedCycle(job, "initial (empty group)");
            long t0 = System.nanoTime();
            rig.addMembers(group, ids);
            CycleRig.log("added %d members in %.1f s", users, (System.nanoTime() - t0) / 1e9);
            long added = System.nanoTime();
            long created = 0;
            while (created < users) {
                CycleSummary cycle = timedCycle(job, "incremental");
                if (!cycle.completed() || cycle.failed() > 0) {
                    throw new IllegalStateException("cycle failed: " + cycle);
                }
                created += cycle.created();
                if (System.nanoTime() - added > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("only " + created + " of " + users + " created after 10 minutes");
                }
            }
            System.out.printf("bulk-5000: %.1f s%n", (System.nanoTime() - added) / 1e9);
        }
    }

    /**
     * Graph writes to the target per user, counted from the emulator's request journal: for a creation (initial
     * cycle), for a department change, for a cycle with nothing changed. The line reports the creation figure; all
     * three are on stderr and are checked against the bounds (≤ 2, ≤ 1, 0).
     */
    private static void writesPerUser() throws Exception {
        int users = Integer.getInteger("bench.users", 200);
        try (CycleRig rig = new CycleRig()) {
            List<String> ids = seed(rig, users);
            String group = rig.createGroup("Writes");
            rig.addMembers(group, ids);
            SyncJob job = rig.job(AssignmentScope.assigned(Set.of(), Set.of(group)), PARALLELISM,
                    GraphClientOptions.DEFAULTS);
            long mark = rig.journalMark();
            check(timedCycle(job, "initial"), users);
            double create = (double) rig.graphWritesSince(mark, CycleRig.FABRIKAM) / users;
            timedCycle(job, "incremental (overlap)");
            for (String id : ids) {
                User patch = new User();
                patch.setDepartment("Changed " + id.substring(0, 4));
                rig.sourceGraph.users().byUserId(id).patch(patch);
            }
            mark = rig.journalMark();
            CycleSummary changed = timedCycle(job, "department changed");
            if (changed.updated() != users) {
                throw new IllegalStateException("expected " + users + " updates: " + changed);
            }
            double update = (double) rig.graphWritesSince(mark, CycleRig.FABRIKAM) / users;
            mark = rig.journalMark();
            timedCycle(job, "nothing changed");
            double noop = (double) rig.graphWritesSince(mark, CycleRig.FABRIKAM) / users;
            CycleRig.log("Graph writes per user: creation %.2f, attribute change %.2f, no change %.2f", create, update, noop);
            if (create > 2 || update > 1 || noop > 0) {
                CycleRig.log("OVER BUDGET (creation ≤ 2, attribute change ≤ 1, no change 0)");
            }
            System.out.printf("writes-per-user: %.2f writes/created-user%n", create);
        }
    }

    /**
     * An initial cycle of 10,000 users under the emulator's {@code graph-documented} throttling, in real time (the
     * emulator's token buckets refill by the monotonic clock, which its directory clock does not move). The app's write
     * bucket holds 3,000 writes and refills at 3,000 per 150 s, so over a cycle of T seconds at most 3,000 + 20·T
     * writes can succeed; the figure is the writes that succeeded divided by that bound.
     */
    private static void throttledGoodput() throws Exception {
        int users = Integer.getInteger("bench.users", 10_000);
        try (CycleRig rig = new CycleRig()) {
            List<String> ids = seed(rig, users);
            String group = rig.createGroup("Throttled");
            rig.addMembers(group, ids);
            // under a quota of 20 writes/s more workers add no throughput, only contention for the bucket: with 8,
            // a few requests ran out of the SDK's 10 retries and were escrowed (the job has no pacing of its own)
            int workers = Integer.getInteger("bench.throttledParallelism", 2);
            SyncJob job = rig.job(AssignmentScope.assigned(Set.of(), Set.of(group)), workers,
                    new GraphClientOptions(Duration.ofSeconds(30), GraphClientOptions.MAX_RETRIES));
            rig.throttle(ThrottleSettings.Profile.GRAPH_DOCUMENTED);
            CycleRig.log("%d workers, the SDK's retry handler honouring Retry-After up to %d times", workers,
                    GraphClientOptions.MAX_RETRIES);
            long mark = rig.journalMark();
            CycleSummary cycle = timedCycle(job, "initial under graph-documented throttling");
            long writes = rig.graphWritesSince(mark, CycleRig.FABRIKAM);
            long throttled = rig.answeredSince(mark, CycleRig.FABRIKAM, 429);
            double elapsed = seconds(cycle);
            double bound = CycleRig.writeQuotaPerWindow()
                    + CycleRig.writeQuotaPerWindow() / 150.0 * elapsed;
            CycleRig.log("%d writes succeeded in %.0f s (%d answered 429); at most %.0f could; created %d, escrowed %d,"
                    + " failed %d", writes, elapsed, throttled, bound, cycle.created(), cycle.escrowed(), cycle.failed());
            if (cycle.created() != users || cycle.failed() + cycle.escrowed() > 0) {
                CycleRig.log("NOT EVERY USER CREATED");
            }
            System.out.printf("cycle-throttled-goodput: %.1f %%%n", 100.0 * writes / bound);
        }
    }

    static List<String> seed(CycleRig rig, int users) {
        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>(rig.seedSourceUsers(users, "user"));
        CycleRig.log("seeded %d contoso users in %.1f s", users, (System.nanoTime() - t0) / 1e9);
        return ids;
    }

    static CycleSummary timedCycle(SyncJob job, String what) {
        CycleSummary summary = job.runCycle();
        CycleRig.log("%s cycle: %.3f s, created %d, updated %d, deleted %d, skipped %d, escrowed %d, failed %d%s", what,
                seconds(summary), summary.created(), summary.updated(), summary.deleted(), summary.skipped(),
                summary.escrowed(), summary.failed(), summary.error() == null ? "" : ", error " + summary.error());
        return summary;
    }

    private static void check(CycleSummary summary, int users) {
        if (!summary.completed() || summary.created() != users || summary.failed() + summary.escrowed() > 0) {
            throw new IllegalStateException("the cycle did not create every user: " + summary);
        }
    }

    static double seconds(CycleSummary summary) {
        return Duration.between(summary.began(), summary.ended()).toNanos() / 1e9;
    }
}
