package io.tenantsync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tenantsync} in its own JVM, on the test class path, its stdout and stderr appended to files that outlive it
 * (so every start of one service writes to the same two files, for the secrets-in-logs check).
 */
final class CliProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path out;
    private final Path err;
    private final long outStart;

    private CliProcess(Process process, Path out, Path err, long outStart) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.outStart = outStart;
    }

    /** Starts {@code tenantsync ARGS}, appending its output to {@code logs}/NAME.out and NAME.err. */
    static CliProcess start(Path logs, String name, List<String> args) throws IOException {
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Files.createDirectories(logs);
        long outStart = Files.exists(out) ? Files.size(out) : 0;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath(), "io.tenantsync.cli.TenantSyncCli"));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()))
                .start();
        return new CliProcess(process, out, err, outStart);
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** This start's stdout so far. */
    String output() {
        try {
            byte[] all = Files.readAllBytes(out);
            return new String(all, (int) Math.min(outStart, all.length), (int) Math.max(0, all.length - outStart),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until this start's stdout matches {@code pattern}; returns the first group, or the whole match. */
    String await(Pattern pattern) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                throw new AssertionError("tenantsync ended with " + process.exitValue() + " before printing " + pattern
                        + "\nstdout:\n" + output() + "\nstderr:\n" + read(err));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + pattern + " after " + START_TIMEOUT + "\nstdout:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no database shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the process outlived SIGKILL");
    }

    /** SIGTERM, then the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tenantsync did not stop on SIGTERM\nstdout:\n" + output());
        }
        return process.exitValue();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
