package io.tenantsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tenantsync.cli.sync.JobAssembly;
import io.tenantsync.cli.sync.JobConfig;
import io.tenantsync.cli.sync.JobStores;
import io.tenantsync.cli.sync.SyncText;
import io.tenantsync.core.job.JobControl;
import io.tenantsync.core.job.JobRunner;
import io.tenantsync.core.job.OnDemandProvisioning;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.ProvisioningLogEntry;
import io.tenantsync.core.store.ProvisioningStatus;
import io.tenantsync.core.store.ProvisioningStep;
import io.tenantsync.core.store.RestartOutcome;
import io.tenantsync.core.store.RestartScope;
import io.tenantsync.core.store.StagedDeletion;
import io.tenantsync.core.target.TargetDirectoryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenantsync sync}: runs a cross-tenant sync job described by a file, and administers it. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Run a cross-tenant sync job (source tenant → target) described by a YAML or JSON file, and "
                + "administer it: status, approving held deletions, provisioning one user on demand, restarting.",
        subcommands = {SyncCommand.Run.class, SyncCommand.Status.class, SyncCommand.ApproveDeletes.class,
                SyncCommand.ProvisionOnDemand.class, SyncCommand.Restart.class})
final class SyncCommand {

    /** How long a stop waits for the running cycle before the store closes under it (its batches are atomic). */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** The options every subcommand shares. */
    abstract static class JobCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The job file (YAML or JSON).")
        Path config;

        final Clock clock = Clock.systemUTC();

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        JobConfig job() {
            return JobStores.config(config);
        }

        /** Builds the job, a refusal by either tenant becoming a message. */
        SyncJob build(JobConfig job, JdbcSyncStore store) {
            try {
                return JobAssembly.build(job, config.toAbsolutePath().getParent(), store, clock);
            } catch (TargetDirectoryException e) {
                throw new CliException("cannot start job " + job.job() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException("cannot start job " + job.job() + ": " + e.getMessage(), CliException.USAGE);
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the job's cycles on its schedule until Ctrl-C (or SIGTERM), one line per cycle; "
                    + "with --once, run one cycle and exit 0 if it completed, 1 if not.")
    static final class Run extends JobCommand {
        @Option(names = "--once", description = "Run one cycle and exit.")
        boolean once;

        @Override
        public Integer call() {
            JobConfig job = job();
            try (Lifetime lifetime = new Lifetime(); JdbcSyncStore store = JobStores.writable(job, clock)) {
                SyncJob sync = build(job, store);
                PrintWriter out = out();
                out.println("sync job " + job.job() + ": " + job.source().tenantId() + " → "
                        + (job.target().graph() != null ? job.target().graph().tenantId() + " (Graph)"
                                : job.target().scim().tenantId() + " (SCIM " + job.target().scim().baseUrl() + ")")
                        + ", data in " + job.dataDir());
                if (once) {
                    CycleSummary summary = sync.runCycle();
                    out.println(SyncText.cycle(summary));
                    out.flush();
                    return summary.completed() ? 0 : 1;
                }
                var schedule = sync.settings().schedule();
                out.println((schedule.continuous() ? "continuous, " + schedule.interval().toMillis() + " ms between cycles"
                        : "a cycle every " + schedule.interval()) + "; running cycles until Ctrl-C.");
                out.flush();
                JobRunner runner = new JobRunner(sync, summary -> {
                    out.println(SyncText.cycle(summary));
                    out.flush();
                }).start();
                try {
                    lifetime.awaitStop();
                } finally {
                    runner.close(STOP_GRACE);
                }
                out.println("stopped.");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The job's state: last cycle, quarantine and its reason, held deletions, escrows, watermark "
                    + "age. Works while the job runs (it reads the store without locking it).")
    static final class Status extends JobCommand {
        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            JobConfig job = job();
            JobControl.JobStatus status;
            try (JdbcSyncStore store = JobStores.readOnly(job, clock)) {
                status = JobControl.of(store, job.connectionId(), clock).status();
            }
            PrintWriter out = out();
            Instant now = clock.instant();
            if (json) {
                ObjectNode node = JSON.valueToTree(status);
                node.put("job", job.job());
                status.watermarkWrittenAt().ifPresentOrElse(
                        at -> node.put("watermarkAgeSeconds", Duration.between(at, now).toSeconds()),
                        () -> node.putNull("watermarkAgeSeconds"));
                out.println(JSON.writeValueAsString(node));
                out.flush();
                return 0;
            }
            var state = status.state();
            out.println("job          " + job.job() + "   (data in " + job.dataDir() + ")");
            out.println("state        " + SyncText.quarantine(state.quarantine()));
            out.println("last cycle   " + (state.lastCycle() == null ? "none yet" : SyncText.cycle(state.lastCycle())));
            out.println("cycles       " + state.cycleCount() + " run, " + state.countSuccessiveCompleteFailures()
                    + " failed in a row" + (state.forceInitialCycle() ? "; the next one is initial" : ""));
            out.println("staged       " + status.staged().size() + " held deletion(s)" + (status.staged().isEmpty() ? ""
                    : state.deletionsApproved() ? ", approved: the next cycle runs them"
                    : " awaiting `tenantsync sync approve-deletes`"));
            for (StagedDeletion d : status.staged().subList(0, Math.min(10, status.staged().size()))) {
                out.println("               " + d.action().logName() + " " + d.sourceId() + " → " + d.targetId()
                        + "  (" + d.reason() + ")");
            }
            if (status.staged().size() > 10) out.println("               … and " + (status.staged().size() - 10) + " more");
            out.println("escrows      " + status.escrows().total() + " awaiting retry");
            out.println("watermark    " + status.watermarkWrittenAt()
                    .map(at -> "advanced " + SyncText.age(at, now) + " ago (" + at + ")")
                    .orElse("none: the next cycle reads everything"));
            out.println("linked users " + status.linkedUsers());
            out.flush();
            return 0;
        }
    }

    @Command(name = "approve-deletes", mixinStandardHelpOptions = true,
            description = "Allow the deletions the deletion threshold holds: the next cycle runs them, and runs now "
                    + "rather than at the quarantine's back-off. The job must be stopped (the store is single-writer).")
    static final class ApproveDeletes extends JobCommand {
        @Override
        public Integer call() {
            JobConfig job = job();
            try (JdbcSyncStore store = JobStores.writable(job, clock)) {
                int held = JobControl.of(store, job.connectionId(), clock).approveDeletes();
                out().println(held == 0 ? "no deletions are held; the approval lets the next cycle delete past the threshold"
                        : "approved " + held + " held deletion(s): the next cycle of " + job.job() + " runs them");
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "provision-on-demand", mixinStandardHelpOptions = true,
            description = "Provision one source user now and print its steps (import, scope, match, action) and "
                    + "result; exit 1 when provisioning failed. The job must be stopped.")
    static final class ProvisionOnDemand extends JobCommand {
        @Option(names = "--user", required = true, paramLabel = "ID", description = "The source user's object id.")
        String user;

        @Override
        public Integer call() {
            JobConfig job = job();
            OnDemandProvisioning result;
            try (JdbcSyncStore store = JobStores.writable(job, clock)) {
                SyncJob sync = build(job, store);
                try {
                    result = sync.provisionOnDemand(user);
                } catch (NoSuchElementException e) {
                    throw new CliException(e.getMessage());
                } catch (TargetDirectoryException e) {
                    throw new CliException("cannot provision " + user + ": " + e.getMessage());
                }
            }
            PrintWriter out = out();
            ProvisioningLogEntry last = result.result();
            out.println("user " + user + (last.source().displayName() == null ? "" : " (" + last.source().displayName() + ")"));
            for (ProvisioningLogEntry entry : result.entries()) {
                for (ProvisioningStep step : entry.steps()) {
                    out.printf(Locale.ROOT, "  %-10s %-8s %s%n", step.type().graphValue(),
                            step.status().graphValue(), step.description());
                }
            }
            out.println("result: " + last.action().logName() + " " + last.status().graphValue()
                    + (last.target().id() == null ? "" : ", target user " + last.target().id())
                    + (last.reason().isEmpty() ? "" : " — " + last.reason()));
            out.flush();
            return last.status() == ProvisioningStatus.FAILURE ? 1 : 0;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart the job, clearing state as Entra's restart does. Without --clear-state: the "
                    + "quarantine, watermarks and escrows (links are kept). The job must be stopped.")
    static final class Restart extends JobCommand {
        @Option(names = "--clear-state", split = ",", paramLabel = "SCOPE",
                description = "What to clear, comma-separated: Watermark, Escrows, QuarantineState, "
                        + "ConnectorDataStore (links), Full, ForceDeletes (run held deletions).")
        List<String> clear;

        @Override
        public Integer call() {
            JobConfig job = job();
            Set<RestartScope> scopes;
            try {
                scopes = clear == null ? RestartScope.PORTAL_RESTART : RestartScope.parse(String.join(",", clear));
            } catch (IllegalArgumentException e) {
                throw new CliException("--clear-state: " + e.getMessage(), CliException.USAGE);
            }
            RestartOutcome outcome;
            try (JdbcSyncStore store = JobStores.writable(job, clock)) {
                outcome = JobControl.of(store, job.connectionId(), clock).restart(scopes);
            }
            out().println("restarted " + job.job() + ": cleared " + outcome.watermarksCleared() + " watermark(s), "
                    + outcome.escrowsCleared() + " escrow(s), " + outcome.linksCleared() + " link(s), "
                    + outcome.stagedDeletionsDropped() + " held deletion(s)"
                    + (outcome.quarantineLifted() ? "; quarantine lifted" : "")
                    + (outcome.deletionsApproved() ? "; the next cycle runs deletions past the threshold" : ""));
            out().flush();
            return 0;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
}
