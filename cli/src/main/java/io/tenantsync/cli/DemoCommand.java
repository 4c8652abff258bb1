package io.tenantsync.cli;

import io.tenantsync.cli.demo.DemoJob;
import io.tenantsync.cli.demo.ProgressBar;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.store.CycleSummary;
import java.time.Duration;

import io.tenantsync.cli.demo.DemoGateway;
import io.tenantsync.gateway.server.GatewayServer;

import io.tenantsync.cli.demo.CrossTenantAccess;
import io.tenantsync.cli.demo.DemoTenants;
import io.tenantsync.cli.demo.TenantGraphClient;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.server.EmulatorServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tenantsync demo}: the emulator with a source tenant (contoso) and a target tenant (fabrikam), sample users in
 * the source and cross-tenant sync allowed between them, the SCIM gateway in front of fabrikam, and a cross-tenant sync
 * job that reads contoso and pushes its users over SCIM to the gateway, which provisions them into fabrikam.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the emulator with tenants contoso (source) and fabrikam (target), seed contoso with sample "
                + "users, allow cross-tenant sync from contoso to fabrikam, start the SCIM gateway in front of fabrikam and "
                + "a sync job pushing contoso's assigned users to it, run the first cycle, print how to reach everything, "
                + "and serve until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    static final int SEED_USERS = 25;
    /** How often the demo's job runs an incremental cycle while serving (Entra: every 40 minutes). */
    static final Duration CYCLE_INTERVAL = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "Exit after the first sync cycle, once everything is set up (after writing the endpoints file).")
    boolean once;

    @Option(names = "--no-seed", description = "Leave the tenants empty: no sample users, no cross-tenant access policies.")
    boolean noSeed;

    @Option(names = "--port-base", paramLabel = "N", defaultValue = "8443",
            description = "The emulator's HTTPS port (later services take N+1, N+2); 0 = free ports. Default: ${DEFAULT-VALUE}.")
    int portBase;

    @Option(names = "--endpoints-file", paramLabel = "FILE",
            description = "Write where everything answers, with each tenant's app credentials, to this JSON file (owner-only).")
    Path endpointsFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep tenants, credentials and directory data here across restarts (default: in memory).")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        if (portBase < 0 || portBase > 65533) throw new CliException("--port-base must be between 0 and 65533, not " + portBase);
        EmulatorConfig config = dataDir == null ? DemoTenants.generate() : DemoTenants.loadOrCreate(dataDir);
        TenantConfig source = DemoTenants.source(config);
        TenantConfig target = DemoTenants.target(config);
        Optional<Path> emulatorData = Optional.ofNullable(dataDir).map(d -> d.resolve("emulator"));
        if (emulatorData.isPresent()) Files.createDirectories(emulatorData.get());

        try (Lifetime lifetime = new Lifetime(); ScratchDir scratch = ScratchDir.create("tenantsync-demo-")) {
            Path pem = emulatorData.orElse(scratch.path()).resolve("ca.pem").toAbsolutePath();
            try (EmulatorServer server = EmulatorCommand.start(
                    new EmulatorServer.Options(config, portBase, emulatorData, pem, Optional.empty()))) {
                TenantGraphClient sourceAdmin = TenantGraphClient.connect(server.baseUri(), pem, source, DemoTenants.admin(source));
                TenantGraphClient targetAdmin = TenantGraphClient.connect(server.baseUri(), pem, target, DemoTenants.admin(target));
                int seeded = 0;
                if (!noSeed) {
                    seeded = seedUsers(server, source);
                    CrossTenantAccess.allowSync(sourceAdmin, targetAdmin);
                }
                // ready means: each tenant's credentials obtain a token and Graph answers with it
                for (TenantGraphClient admin : List.of(sourceAdmin, targetAdmin)) admin.call("GET", "/users?$top=1&$select=id", null, 200);
                String scimSecret = DemoGateway.newSecret();
                Optional<Path> gatewayData = Optional.ofNullable(dataDir).map(d -> d.resolve("gateway"));
                if (gatewayData.isPresent()) Files.createDirectories(gatewayData.get());
                try (GatewayServer gateway = GatewayCommand.start(DemoGateway.config(server.baseUri(), pem, source, target,
                        DemoTenants.admin(target), scimSecret), portBase == 0 ? 0 : portBase + 1, gatewayData)) {
                    Optional<DemoJob> job = DemoJob.create(server.baseUri(), pem, sourceAdmin, source, target,
                            gateway.baseUri(), scimSecret, Optional.ofNullable(dataDir).map(d -> d.resolve("sync")), !noSeed);
                    try {
                        Optional<CycleSummary> first = job.map(j -> firstCycle(j.job()));
                        if (endpointsFile != null) {
                            EndpointsFile.of(server, source, DemoTenants.admin(source), target, DemoTenants.admin(target))
                                    .withScim(new EndpointsFile.Scim(gateway.baseUri().toString(), scimSecret)).write(endpointsFile);
                        }
                        printSummary(server, gateway, source, target, seeded, first, (System.nanoTime() - started) / 1_000_000);
                        if (!once) {
                            var cycles = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                            job.ifPresent(j -> cycles.scheduleWithFixedDelay(() -> runQuietly(j.job()),
                                    CYCLE_INTERVAL.toMillis(), CYCLE_INTERVAL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
                            try {
                                lifetime.awaitStop();
                            } finally {
                                cycles.shutdownNow(); // before the job's store closes
                            }
                        }
                    } finally {
                        job.ifPresent(DemoJob::close);
                    }
                }
            }
        }
        return 0;
    }

    /** Seeds the sample users unless the source already has users (a restart with the same data directory). */
    private static int seedUsers(EmulatorServer server, TenantConfig source) {
        if (userCount(server, source) > 0) return 0;
        return server.components().seeder().seedUsers(source, "user", 1, SEED_USERS).size();
    }

    private static long userCount(EmulatorServer server, TenantConfig tenant) {
        var c = server.components();
        return c.db().transaction(conn -> c.store().count(conn, tenant.tenantId().toString(), "user", false, null, List.of()));
    }

    /** A scheduled cycle: its outcome is in the provisioning log; a failure must not end the schedule. */
    private static void runQuietly(SyncJob job) {
        try {
            job.runCycle();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(DemoCommand.class).warn("sync cycle failed: {}", e.toString());
        }
    }

    /** Runs the first cycle, telling the console it started (it reads every user and writes the target). */
    private CycleSummary firstCycle(SyncJob job) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("running the first sync cycle: contoso group '" + DemoJob.GROUP + "' → SCIM gateway → fabrikam …");
        out.flush();
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        try {
            return job.runCycle(bar);
        } finally {
            bar.finish();
        }
    }

    private void printSummary(EmulatorServer server, GatewayServer gateway, TenantConfig source, TenantConfig target,
                              int seeded, Optional<CycleSummary> cycle, long millis) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("tenantsync demo ready in %.1f s%n", millis / 1000.0);
        printTenant(out, "source", source, server);
        printTenant(out, "target", target, server);
        out.println(noSeed ? "  seeding     skipped (--no-seed): no users, no cross-tenant access policies"
                : "  seeded      " + seeded + " users in " + source.name() + (seeded == 0 ? " (kept from the earlier run)" : "")
                + "; " + target.name() + " allows identity sync and automatic consent from " + source.name());
        if (cycle.isPresent()) {
            CycleSummary c = cycle.get();
            out.printf("  sync        first cycle (%s) in %.1f s: created %d, updated %d, skipped %d, failed %d%s%n",
                    c.kind().name().toLowerCase(java.util.Locale.ROOT),
                    Duration.between(c.began(), c.ended()).toMillis() / 1000.0, c.created(), c.updated(), c.skipped(),
                    c.failed() + c.escrowed(), c.error() == null ? "" : " (" + c.error() + ")");
            if (!once) out.println("              then an incremental cycle every " + CYCLE_INTERVAL.toSeconds() + " s");
        } else {
            out.println("  sync        no job: contoso has no group '" + DemoJob.GROUP + "' (--no-seed)");
        }
        EmulatorCommand.printReach(out, server);
        out.println("  SCIM        " + gateway.baseUri() + "   (gateway: provisions " + source.name() + "'s users into "
                + target.name() + "; the sync job pushes to it; bearer secret in the endpoints file)");
        if (endpointsFile != null) {
            out.println("  endpoints   " + endpointsFile.toAbsolutePath() + "   (with each tenant's app credentials)");
        } else if (dataDir != null) {
            out.println("  credentials " + dataDir.resolve(DemoTenants.FILE).toAbsolutePath() + "   (or pass --endpoints-file FILE)");
        } else {
            out.println("  credentials not written; pass --endpoints-file FILE to get each tenant's app credentials");
        }
        out.println(once ? "Done (--once)." : "Serving until Ctrl-C.");
        out.flush();
    }

    private static void printTenant(PrintWriter out, String role, TenantConfig t, EmulatorServer server) {
        out.printf("  %-11s %-9s %s  %-25s %d users%n", role, t.name(), t.tenantId(), t.initialDomain(), userCount(server, t));
    }
}
