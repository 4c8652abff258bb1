package io.tenantsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.logging.Level;
import java.util.logging.LogManager;

/**
 * The {@code tenantsync} command: starts the emulator, the gateway or the whole demo, runs and administers sync jobs,
 * and runs the conformance suite.
 */
@Command(name = "tenantsync", mixinStandardHelpOptions = true, version = "tenantsync 0.1.0-SNAPSHOT",
        description = "Offline cross-tenant synchronisation: emulated Microsoft Graph tenants and the tools around them.",
        subcommands = {EmulatorCommand.class, GatewayCommand.class, DemoCommand.class, SyncCommand.class, LogsCommand.class,
                ConformanceCommand.class, CommandLine.HelpCommand.class})
public final class TenantSyncCli {

    public static void main(String[] args) {
        // Grizzly and Jersey log through java.util.logging; their INFO lines (listener started/stopped) are noise here
        LogManager.getLogManager().getLogger("").setLevel(Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, configured so that a {@link CliException} prints as its message on stderr with its exit status;
     * anything unexpected also prints its stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TenantSyncCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tenantsync " + cmd.getCommandName() + ": " + e.getMessage());
            if (!(e instanceof CliException)) e.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return e instanceof CliException c ? c.exitCode() : 1;
        });
        return cli;
    }
}
