package io.tenantsync.conformance.check;

import java.util.Objects;
import java.util.Set;

/**
 * One conformance check.
 *
 * @param name     stable dotted name, e.g. {@code protocol.filter.eq-on-userName-ignores-case}
 * @param group    what family it belongs to, e.g. {@code SCIM protocol: filter}
 * @param proves   one sentence: what passing proves, with the source of the requirement
 * @param requires capabilities without which it is skipped
 */
public record Check(String name, String group, String proves, Set<Capability> requires, Body body) {
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(proves, "proves");
        requires = Set.copyOf(requires);
        Objects.requireNonNull(body, "body");
    }

    /** What a check does; it signals failure with {@link CheckFailed} and a skip with {@link CheckSkipped}. */
    @FunctionalInterface
    public interface Body {
        void run(CheckContext context) throws Exception;
    }
}
