package io.tenantsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Runs {@code tenantsync} in-process through picocli, capturing stdout and stderr. */
final class CliRun {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** A finished run. */
    record Result(int exitCode, String out, String err) {}

    private CliRun() {}

    /** Runs a command to completion. */
    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = TenantSyncCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts a serving command on its own thread and waits until its stdout says it serves. */
    static Serving serve(String... args) throws InterruptedException {
        Serving s = new Serving(args);
        s.awaitOutput(o -> o.contains("Serving until Ctrl-C."));
        return s;
    }

    /** Starts a long-running command on its own thread and waits until its stdout contains {@code ready}. */
    static Serving start(String ready, String... args) throws InterruptedException {
        Serving s = new Serving(args);
        s.awaitOutput(o -> o.contains(ready));
        return s;
    }

    /** A command serving on a background thread; {@link #stop()} interrupts it, as Ctrl-C stops the real one. */
    static final class Serving implements AutoCloseable {
        private final StringWriter out = new StringWriter(), err = new StringWriter();
        private final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
        private final Thread thread;

        private Serving(String[] args) {
            thread = new Thread(() -> exitCode.set(TenantSyncCli.commandLine()
                    .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args)), "tenantsync-under-test");
            thread.start();
        }

        void awaitOutput(Predicate<String> ready) throws InterruptedException {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!ready.test(out.toString())) {
                if (!thread.isAlive()) {
                    throw new AssertionError("the command ended with status " + exitCode.get() + " before it was ready\nstdout:\n"
                            + out + "\nstderr:\n" + err);
                }
                if (Instant.now().isAfter(deadline)) throw new AssertionError("not ready after " + START_TIMEOUT + "\nstdout:\n" + out);
                Thread.sleep(50);
            }
        }

        String out() { return out.toString(); }

        String err() { return err.toString(); }

        /** Stops the command and returns its exit status. */
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(START_TIMEOUT.toMillis());
            if (thread.isAlive()) throw new AssertionError("the command did not stop when interrupted");
            return exitCode.get();
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) stop();
        }
    }

    /** The first word after {@code label} on the line of {@code out} that starts with it (indentation ignored). */
    static String valueOf(String out, String label) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(label + " "))
                .map(l -> l.substring(label.length()).strip().split("\\s+")[0])
                .findFirst().orElseThrow(() -> new AssertionError("no '" + label + "' line in:\n" + out));
    }
}
