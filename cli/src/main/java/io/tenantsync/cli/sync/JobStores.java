package io.tenantsync.cli.sync;

import io.tenantsync.cli.CliException;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Opens a job's file store for the CLI, turning the store's failures into messages that say what to do. */
public final class JobStores {

    private JobStores() {
    }

    /** The job's store, to run the job or change its state; only one process may hold it. */
    public static JdbcSyncStore writable(JobConfig config, Clock clock) {
        try {
            Files.createDirectories(config.dataDir());
            return JdbcSyncStore.inDirectory(config.dataDir(), clock);
        } catch (java.io.IOException e) {
            throw new CliException("cannot create the data directory " + config.dataDir() + ": " + e.getMessage());
        } catch (StoreException e) {
            if (lockHeld(e)) {
                throw new CliException("the job's store in " + config.dataDir() + " is held by another process (a "
                        + "running `tenantsync sync run`?); stop it first");
            }
            throw e;
        }
    }

    /** The job's store for reading, also while a running job holds it. */
    public static JdbcSyncStore readOnly(JobConfig config, Clock clock) {
        try {
            return JdbcSyncStore.readOnlyInDirectory(config.dataDir(), clock);
        } catch (IllegalStateException e) {
            throw new CliException("job " + config.job() + " has no store in " + config.dataDir()
                    + " yet: run `tenantsync sync run --config FILE` first");
        }
    }

    private static boolean lockHeld(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                return true;
            }
        }
        return false;
    }

    /** Reads a job file, a bad one ending the command with status {@link CliException#USAGE}. */
    public static JobConfig config(Path file) {
        try {
            return JobConfig.read(file);
        } catch (JobConfig.InvalidJobConfigException e) {
            throw new CliException(e.getMessage(), CliException.USAGE);
        }
    }
}
