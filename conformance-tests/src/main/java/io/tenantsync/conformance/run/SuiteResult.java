package io.tenantsync.conformance.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every check's result for one run, in the order they ran. */
public record SuiteResult(String endpoint, Instant started, Duration duration, String capabilities, List<CheckResult> results) {
    public SuiteResult {
        results = List.copyOf(results);
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public Set<String> names(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).map(CheckResult::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public boolean passed() {
        return count(Outcome.FAILED) == 0;
    }
}
