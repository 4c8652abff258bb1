package io.tenantsync.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives GET load with wrk (a C load generator on an event loop) over the given request paths, picked at random.
 * Any non-2xx answer fails the run: a benchmark that counts errors as throughput proves nothing.
 */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*");

    private final URI root;
    private final String token;
    private final Path script;
    private final Path pathsFile;

    Wrk(URI root, String token, List<String> paths, Path dir) throws IOException {
        this.root = root;
        this.token = token;
        this.pathsFile = Files.write(dir.resolve("wrk-paths.txt"), paths);
        this.script = Files.writeString(dir.resolve("wrk-random-path.lua"), """
                local paths = {}
                for line in io.lines("%s") do paths[#paths + 1] = line end
                math.randomseed(os.time())
                request = function()
                  return wrk.format("GET", paths[math.random(#paths)])
                end
                """.formatted(pathsFile));
    }

    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a warm-up, then the measured window; returns requests per second of the measured window. */
    double rate(Duration warmup, Duration measure) throws IOException, InterruptedException {
        run(warmup);
        return run(measure);
    }

    private double run(Duration duration) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + duration.toSeconds() + "s",
                "-H", "Authorization: Bearer " + token, "-s", script.toString(), root.toString())
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Matcher errors = ERRORS.matcher(out);
        if (errors.find()) {
            throw new IllegalStateException("wrk saw failed requests:\n" + out);
        }
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk output:\n" + out);
        }
        return Double.parseDouble(rate.group(1));
    }
}
