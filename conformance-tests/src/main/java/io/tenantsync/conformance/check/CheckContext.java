package io.tenantsync.conformance.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.http.Exchange;
import io.tenantsync.conformance.http.ScimClient;
import io.tenantsync.conformance.http.ScimResponse;
import io.tenantsync.conformance.target.TargetTenant;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What one check runs with: a SCIM client that records its exchanges, the endpoint's capabilities, the target tenant
 * (when the suite was given admin credentials), names unique to this run, and the resources to remove afterwards.
 */
public final class CheckContext {
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final ScimClient scim;
    private final Capabilities capabilities;
    private final RunScope run;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final Deque<String> createdPaths = new ArrayDeque<>();
    private final AtomicInteger counter;

    public CheckContext(ScimClient scim, Capabilities capabilities, RunScope run) {
        this.scim = scim.recordingTo(exchanges::add);
        this.capabilities = capabilities;
        this.run = run;
        this.counter = run.counter();
    }

    /** Per-run state shared by every check: the run's id, user domain, target, and resources shared by checks. */
    public interface RunScope {
        String runId();

        String userDomain();

        Optional<TargetTenant> target();

        AtomicInteger counter();

        /** The twelve users the filter, sort and paging checks read, created once per run. */
        Population population(CheckContext creator);
    }

    public ScimClient scim() {
        return scim;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public String runId() {
        return run.runId();
    }

    public String userDomain() {
        return run.userDomain();
    }

    /** The target tenant; only checks requiring {@link Capability#TARGET_ADMIN} call it. */
    public TargetTenant target() {
        return run.target().orElseThrow(() -> new CheckSkipped("no target tenant credentials given"));
    }

    public Population population() {
        return run.population(this);
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** A userName (an e-mail address in the run's user domain) no other check uses: {@code ct-RUN-hint-N@domain}. */
    public String userName(String hint) {
        return ("ct-" + run.runId() + "-" + hint + "-" + counter.incrementAndGet() + "@" + run.userDomain()).toLowerCase(Locale.ROOT);
    }

    /** A display name no other check uses. */
    public String uniqueName(String hint) {
        return "CT " + run.runId() + " " + hint + " " + counter.incrementAndGet();
    }

    /** POSTs a resource, expects 201 with an id, and removes it after the check. */
    public ScimResponse create(String endpoint, String json) {
        ScimResponse r = scim.post(endpoint, json);
        expectStatus(r, 201);
        expect(!r.id().isEmpty(), "a created resource carries an id", r);
        createdPaths.push(endpoint + "/" + r.id());
        return r;
    }

    /** Removes a resource after the check (when it still exists then). */
    public void removeAfterwards(String path) {
        createdPaths.push(path);
    }

    /** Deletes what the check created, newest first; a resource already gone is fine. */
    public void cleanUp() {
        ScimClient quiet = scim.recordingTo(e -> { });
        while (!createdPaths.isEmpty()) {
            quiet.delete(createdPaths.pop());
        }
    }

    public void expect(boolean condition, String expected, ScimResponse response) {
        if (!condition) fail(expected, response);
    }

    public void expectStatus(ScimResponse response, int... allowed) {
        if (Arrays.stream(allowed).noneMatch(s -> s == response.status())) {
            fail("HTTP status " + Arrays.stream(allowed).mapToObj(Integer::toString).collect(Collectors.joining(" or ")), response);
        }
    }

    /** An RFC 7644 §3.12 error: the status, the Error schema, {@code status} as that string, and the scimType if given. */
    public void expectScimError(ScimResponse response, int status, String scimType) {
        expectStatus(response, status);
        JsonNode body = response.json();
        boolean schema = false;
        for (JsonNode s : body.path("schemas")) schema |= ERROR_SCHEMA.equals(s.asText());
        expect(schema, "a SCIM error body whose schemas hold " + ERROR_SCHEMA, response);
        expect(body.path("status").isTextual() && body.path("status").asText().equals(Integer.toString(status)),
                "the error's \"status\" as the JSON string \"" + status + "\" (RFC 7644 §3.12)", response);
        if (scimType != null) {
            expect(scimType.equals(body.path("scimType").asText()), "scimType \"" + scimType + "\"", response);
        }
    }

    public CheckFailed fail(String expected, ScimResponse response) {
        throw new CheckFailed("expected: " + expected + "\n" + response.exchange().describe());
    }

    /** A finding not tied to one SCIM response (e.g. what the target tenant holds). */
    public CheckFailed fail(String expected, String observed) {
        StringBuilder s = new StringBuilder("expected: ").append(expected).append("\nobserved: ").append(observed);
        if (!exchanges.isEmpty()) s.append("\nlast SCIM exchange:\n").append(exchanges.get(exchanges.size() - 1).describe());
        throw new CheckFailed(s.toString());
    }

    public CheckSkipped skip(String reason) {
        throw new CheckSkipped(reason);
    }

    /**
     * Polls until {@code probe} yields a value or {@code within} passes: SCIM endpoints may provision asynchronously.
     * Empty when it never did.
     */
    public <T> Optional<T> eventually(Duration within, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = 100;
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || System.nanoTime() > deadline) return value;
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            pause = Math.min(pause * 2, 1_000);
        }
    }
}
