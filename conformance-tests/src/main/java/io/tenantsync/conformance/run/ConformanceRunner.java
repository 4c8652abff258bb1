package io.tenantsync.conformance.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantsync.conformance.check.Capabilities;
import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.check.CheckFailed;
import io.tenantsync.conformance.check.CheckSkipped;
import io.tenantsync.conformance.check.Population;
import io.tenantsync.conformance.http.ScimClient;
import io.tenantsync.conformance.http.ScimResponse;
import io.tenantsync.conformance.target.TargetTenant;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs checks one after another against one endpoint: reads its capabilities first, skips what it does not
 * advertise (or what the suite was not given), turns every finding into a {@link CheckResult}, and removes what the
 * checks created.
 */
public final class ConformanceRunner {
    private final SuiteSettings settings;
    private final Consumer<CheckResult> progress;

    public ConformanceRunner(SuiteSettings settings, Consumer<CheckResult> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public SuiteResult run(List<Check> checks) {
        Instant started = Instant.now();
        ScimClient scim = ScimClient.of(settings.scimUrl(), settings.bearerToken(), settings.requestTimeout());
        Capabilities capabilities = Capabilities.of(readable(scim.get("/ServiceProviderConfig")),
                readable(scim.get("/ResourceTypes")), given());
        Scope scope = new Scope(settings.crossTenant().map(TargetTenant::new));
        List<CheckResult> results = new ArrayList<>();
        try {
            for (Check check : checks) {
                CheckResult result = runOne(check, scim, capabilities, scope);
                results.add(result);
                progress.accept(result);
            }
        } finally {
            scope.removePopulation(scim);
        }
        String advertised = capabilities.present().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        return new SuiteResult(settings.scimUrl().toString(), started, Duration.between(started, Instant.now()),
                advertised + (capabilities.note().isEmpty() ? "" : " (" + capabilities.note() + ")"), results);
    }

    private Set<Capability> given() {
        EnumSet<Capability> given = EnumSet.noneOf(Capability.class);
        settings.crossTenant().ifPresent(target -> {
            given.add(Capability.TARGET_ADMIN);
            if (target.emulator().isPresent()) given.add(Capability.TARGET_CLOCK);
            if (target.sourceTenantId().isPresent()) given.add(Capability.SOURCE_TENANT);
        });
        return given;
    }

    private static JsonNode readable(ScimResponse response) {
        return response.status() == 200 ? response.json() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private CheckResult runOne(Check check, ScimClient scim, Capabilities capabilities, Scope scope) {
        long start = System.nanoTime();
        List<Capability> missing = check.requires().stream().filter(c -> !capabilities.has(c)).sorted().toList();
        if (!missing.isEmpty()) {
            return result(check, Outcome.SKIPPED, "needs " + missing.stream().map(Capability::description)
                    .collect(Collectors.joining("; ")) + ", which " + (missing.stream().anyMatch(ConformanceRunner::isGiven)
                    ? "the suite was not given" : "the endpoint does not advertise"), start);
        }
        CheckContext context = new CheckContext(scim, capabilities, scope);
        try {
            check.body().run(context);
            return result(check, Outcome.PASSED, "", start);
        } catch (CheckFailed e) {
            return result(check, Outcome.FAILED, e.getMessage(), start);
        } catch (CheckSkipped e) {
            return result(check, Outcome.SKIPPED, e.getMessage(), start);
        } catch (Exception | AssertionError e) {
            String last = context.exchanges().isEmpty() ? "" : "\nlast SCIM exchange:\n"
                    + context.exchanges().get(context.exchanges().size() - 1).describe();
            return result(check, Outcome.FAILED, "the check could not complete: " + e + last, start);
        } finally {
            context.cleanUp();
        }
    }

    private static boolean isGiven(Capability c) {
        return c == Capability.TARGET_ADMIN || c == Capability.TARGET_CLOCK || c == Capability.SOURCE_TENANT;
    }

    private static CheckResult result(Check check, Outcome outcome, String detail, long start) {
        return new CheckResult(check.name(), check.group(), check.proves(), outcome, detail,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The run's shared state. */
    private final class Scope implements CheckContext.RunScope {
        private final String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        private final AtomicInteger counter = new AtomicInteger();
        private final Optional<TargetTenant> target;
        private Population population;
        private RuntimeException populationFailure;

        Scope(Optional<TargetTenant> target) {
            this.target = target;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public String userDomain() {
            return settings.userDomain();
        }

        @Override
        public Optional<TargetTenant> target() {
            return target;
        }

        @Override
        public AtomicInteger counter() {
            return counter;
        }

        @Override
        public Population population(CheckContext creator) {
            if (population == null && populationFailure == null) {
                try {
                    population = Population.create(creator);
                } catch (CheckFailed e) {
                    populationFailure = new CheckFailed("creating the run's twelve shared users failed: " + e.getMessage());
                }
            }
            if (populationFailure != null) throw populationFailure;
            return population;
        }

        void removePopulation(ScimClient scim) {
            if (population != null) population.ids().forEach(id -> scim.delete("/Users/" + id));
        }
    }
}
