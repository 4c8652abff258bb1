package io.tenantsync.benchmarks.scim;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives load with wrk (a C load generator on an event loop, so most of the two cores stay with the server). Every
 * request is checked by a Lua response hook: a reply with another status, or without the text the caller expects,
 * fails the run; a benchmark that counts errors as throughput proves nothing.
 */
final class WrkLoad {
    /** What one wrk run measured. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests) {}

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern BAD = Pattern.compile("BAD_REPLIES (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: .*");

    private final Path dir;
    private final String token;

    WrkLoad(Path dir, String token) {
        this.dir = dir;
        this.token = token;
    }

    static void requireWrk() {
        try {
            new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("the SCIM benchmarks need wrk on PATH (apt-get install wrk)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs of the given paths, picked at random; each reply must be 200 and contain {@code expect}. */
    Result get(URI root, List<String> paths, String expect, int connections, Duration duration) throws IOException, InterruptedException {
        return get(root, paths, expect, connections, duration, Duration.ofSeconds(12));
    }

    /** As {@link #get(URI, List, String, int, Duration)}, with a reply allowed to take up to {@code timeout}. */
    Result get(URI root, List<String> paths, String expect, int connections, Duration duration, Duration timeout)
            throws IOException, InterruptedException {
        Path pathsFile = Files.write(Files.createTempFile(dir, "paths", ".txt"), paths);
        String script = """
                local paths = {}
                for line in io.lines("%s") do paths[#paths + 1] = line end
                %s
                request = function()
                  return wrk.format("GET", paths[math.random(#paths)])
                end
                response = function(status, headers, body)
                  if status ~= 200 or not string.find(body, "%s", 1, true) then report(status, body) end
                end
                """.formatted(pathsFile, COMMON, lua(expect));
        return run(root, script, connections, duration, timeout);
    }

    /**
     * POSTs of new users, each with a userName unique to this run; each reply must be 201 and contain {@code expect}.
     * {@code template} is the body with {@code %USER%} where the userName goes.
     */
    Result post(URI root, String path, String template, String runId, String expect, int connections, Duration duration)
            throws IOException, InterruptedException {
        String script = """
                %s
                local counter = 0
                local template = [==[%s]==]
                request = function()
                  counter = counter + 1
                  local user = "%s-t" .. tid .. "-" .. counter .. "@contoso.com"
                  -- headers given here replace wrk's -H ones, so the credential is repeated
                  local body = string.gsub(template, "%%%%USER%%%%", user)
                  return wrk.format("POST", "%s", {["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer %s"}, body)
                end
                response = function(status, headers, body)
                  if status ~= 201 or not string.find(body, "%s", 1, true) then report(status, body) end
                end
                """.formatted(COMMON, template, runId, path, token, lua(expect));
        // a write may wait up to the connection's provisioning wait (10 s) for the target before replying
        return run(root, script, connections, duration, Duration.ofSeconds(12));
    }

    /** Per-thread counters of bad replies, summed in {@code done}. */
    private static final String COMMON = """
            local threads = {}
            local next_tid = 0
            function setup(thread)
              next_tid = next_tid + 1
              thread:set("tid", next_tid)
              table.insert(threads, thread)
            end
            bad = 0
            -- the first bad reply of each thread is printed, so a failed run says why
            function report(status, body)
              bad = bad + 1
              if bad == 1 then io.write("BAD_REPLY " .. status .. " " .. string.sub(body, 1, 600) .. "\\n") end
            end
            done = function(summary, latency, requests)
              local n = 0
              for _, t in ipairs(threads) do n = n + t:get("bad") end
              io.write("BAD_REPLIES " .. n .. "\\n")
            end
            """;

    private static String lua(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private Result run(URI root, String script, int connections, Duration duration, Duration timeout) throws IOException, InterruptedException {
        Path file = Files.writeString(Files.createTempFile(dir, "wrk", ".lua"), script);
        int threads = Math.min(2, connections);
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency",
                "--timeout", timeout.toSeconds() + "s",
                "-H", "Authorization: Bearer " + token, "-s", file.toString(), root.toString())
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) throw new IllegalStateException("wrk failed:\n" + out);
        Matcher bad = BAD.matcher(out);
        if (!bad.find()) throw new IllegalStateException("no reply check in wrk output:\n" + out);
        if (Long.parseLong(bad.group(1)) > 0 || SOCKET_ERRORS.matcher(out).find()) {
            throw new IllegalStateException("wrk saw failed or unexpected replies:\n" + out);
        }
        Matcher rate = RATE.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!rate.find() || !requests.find()) throw new IllegalStateException("no Requests/sec in wrk output:\n" + out);
        return new Result(Double.parseDouble(rate.group(1)), percentile(out, "50%"), percentile(out, "99%"), Long.parseLong(requests.group(1)));
    }

    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(out);
        if (!m.find()) throw new IllegalStateException("no " + label + " latency in wrk output:\n" + out);
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
