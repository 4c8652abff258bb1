package io.tenantsync.benchmarks.cycle;

import com.microsoft.graph.models.User;
import io.tenantsync.core.job.JobRunner;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.job.SyncSchedule;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.emulator.graph.RequestJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code push-latency-p50}: the job runs in continuous mode over an assigned group of 1,000 users already in the
 * target; a department is changed in the source at random moments, and each change's latency is from just before the
 * source's {@code PATCH} was sent to the moment the emulator answered the job's {@code PATCH} of that user in the
 * target (the request journal's timestamp). The median of 40 changes.
 */
final class PushLatency {
    private static final int USERS = Integer.getInteger("bench.users", 1_000);
    private static final int CHANGES = Integer.getInteger("bench.changes", 40);
    private static final Duration PAUSE = Duration.ofMillis(Integer.getInteger("bench.pauseMillis", 100));

    private PushLatency() {
    }

    static void run() throws Exception {
        try (CycleRig rig = new CycleRig()) {
            List<String> ids = CycleBenchmark.seed(rig, USERS);
            String group = rig.createGroup("Push");
            rig.addMembers(group, ids);
            SyncJob job = rig.job(AssignmentScope.assigned(Set.of(), Set.of(group)), 8, GraphClientOptions.DEFAULTS,
                    SyncSchedule.continuous(PAUSE));
            BlockingQueue<CycleSummary> cycles = new LinkedBlockingQueue<>();
            try (JobRunner runner = new JobRunner(job, cycles::add).start()) {
                CycleSummary first = cycles.poll(10, TimeUnit.MINUTES);
                if (first == null || first.created() != USERS) {
                    throw new IllegalStateException("the first cycle did not create every user: " + first);
                }
                CycleRig.log("first cycle: %d users in %.1f s; continuous mode, %d ms between cycles", USERS,
                        CycleBenchmark.seconds(first), PAUSE.toMillis());
                List<Double> latencies = new ArrayList<>();
                for (int i = 0; i < CHANGES; i++) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(100, 600));
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    String targetId = rig.store().links().bySource(job.settings().connection(), ObjectType.USER, id)
                            .map(ObjectLink::targetId).orElseThrow();
                    long mark = rig.journalMark();
                    User patch = new User();
                    patch.setDepartment("Change " + i);
                    Instant sent = Instant.now();
                    rig.sourceGraph.users().byUserId(id).patch(patch);
                    Instant applied = awaitTargetPatch(rig, mark, targetId, Duration.ofSeconds(60));
                    double ms = Duration.between(sent, applied).toNanos() / 1e6;
                    latencies.add(ms);
                    CycleRig.log("change %d: %.0f ms", i + 1, ms);
                }
                Collections.sort(latencies);
                CycleRig.log("latency min %.0f ms, p50 %.0f ms, p90 %.0f ms, max %.0f ms", latencies.get(0),
                        latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.9)),
                        latencies.get(latencies.size() - 1));
                System.out.printf("push-latency-p50: %.0f ms%n", latencies.get(latencies.size() / 2));
            }
        }
    }

    private static Instant awaitTargetPatch(CycleRig rig, long mark, String targetId, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RequestJournal.Entry> patched = rig.server.components().journal().since(mark).stream()
                    .filter(e -> e.method().equals("PATCH") && e.path().endsWith("/users/" + targetId)
                            && e.status() / 100 == 2)
                    .findFirst();
            if (patched.isPresent()) {
                return patched.get().at();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the change did not reach the target within " + timeout);
    }
}
