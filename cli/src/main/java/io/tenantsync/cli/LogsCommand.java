package io.tenantsync.cli;

import io.tenantsync.cli.sync.JobConfig;
import io.tenantsync.cli.sync.JobStores;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.ProvisioningLogEntry;
import io.tenantsync.core.store.ProvisioningLogPage;
import io.tenantsync.core.store.ProvisioningLogQuery;
import io.tenantsync.core.store.ProvisioningStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenantsync logs}: queries a sync job's provisioning log. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Query a sync job's provisioning log, newest first: one row per object per cycle. "
                + "Works while the job runs.")
final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The job file (YAML or JSON).")
    Path config;

    @Option(names = "--user", paramLabel = "ID", description = "Only entries of this source or target object id.")
    String user;

    @Option(names = "--action", paramLabel = "A",
            description = "Only this action: create, update, disable, stagedDelete, delete, restore, skip.")
    String action;

    @Option(names = "--status", paramLabel = "S", description = "Only this status: success, failure, skipped, warning.")
    String status;

    @Option(names = "--since", paramLabel = "T",
            description = "Only entries at or after T: an instant (2026-03-01T10:00:00Z) or a duration back from now (PT1H).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N entries (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of the entries instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        JobConfig job = JobStores.config(config);
        ProvisioningLogQuery query = query(job);
        Clock clock = Clock.systemUTC();
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        try (JdbcSyncStore store = JobStores.readOnly(job, clock)) {
            ProvisioningLogQuery page = query.pageSize(Math.min(limit, ProvisioningLogQuery.MAX_PAGE_SIZE));
            while (entries.size() < limit) {
                ProvisioningLogPage found = store.provisioningLog().query(page);
                entries.addAll(found.entries().subList(0, Math.min(found.entries().size(), limit - entries.size())));
                if (found.nextPageToken() == null) break;
                page = page.after(found.nextPageToken());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(SyncCommand.JSON.writeValueAsString(entries));
        } else {
            out.printf(Locale.ROOT, "%-24s %-12s %-8s %-36s %-36s %s%n", "TIME", "ACTION", "STATUS", "SOURCE", "TARGET", "REASON");
            for (ProvisioningLogEntry e : entries) {
                String source = e.source().displayName() != null ? e.source().displayName() : String.valueOf(e.source().id());
                out.printf(Locale.ROOT, "%-24s %-12s %-8s %-36s %-36s %s%n", e.activityDateTime(), e.action().logName(),
                        e.status().graphValue(), source, e.target().id() == null ? "-" : e.target().id(),
                        (e.errorCode() == null ? "" : e.errorCode() + ": ") + e.reason());
            }
            out.println(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
        }
        out.flush();
        return 0;
    }

    private ProvisioningLogQuery query(JobConfig job) {
        if (limit < 1) throw new CliException("--limit must be at least 1", CliException.USAGE);
        ProvisioningLogQuery query = ProvisioningLogQuery.of(job.connectionId());
        if (user != null) query = query.user(user);
        if (action != null) {
            try {
                query = query.action(ProvisioningAction.fromLogName(action));
            } catch (IllegalArgumentException e) {
                throw new CliException("--action: " + e.getMessage(), CliException.USAGE);
            }
        }
        if (status != null) {
            try {
                query = query.status(ProvisioningStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CliException("--status is success, failure, skipped or warning", CliException.USAGE);
            }
        }
        if (since != null) query = query.between(sinceInstant(), null);
        return query;
    }

    private Instant sinceInstant() {
        try {
            return since.startsWith("P") || since.startsWith("p")
                    ? Instant.now().minus(Duration.parse(since)) : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new CliException("--since is an instant (2026-03-01T10:00:00Z) or a duration (PT1H)", CliException.USAGE);
        }
    }
}
