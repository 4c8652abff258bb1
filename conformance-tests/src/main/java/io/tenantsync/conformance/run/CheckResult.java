package io.tenantsync.conformance.run;

import java.time.Duration;

/**
 * How one check ended.
 *
 * @param detail for a failure: what was expected, sent and received; for a skip: why; empty when passed
 */
public record CheckResult(String name, String group, String proves, Outcome outcome, String detail, Duration duration) {}
