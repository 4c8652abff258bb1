package io.tenantsync.conformance.checks;

import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import java.util.Set;

/** Shorthand for declaring checks. */
final class Define {
    private Define() {
    }

    static Check check(String name, String group, String proves, Check.Body body, Capability... requires) {
        return new Check(name, group, proves, Set.of(requires), body);
    }
}
