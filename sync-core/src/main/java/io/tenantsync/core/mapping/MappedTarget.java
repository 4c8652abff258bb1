package io.tenantsync.core.mapping;

import io.tenantsync.core.model.Attributes;

/**
 * What the mappings say a target object should look like: the attributes that flow on every cycle, and those that
 * flow only when the object is created (mappings applied "only during object creation" and default values used
 * because the source was null). Reconcile sends {@code createOnly} on create and never compares it afterwards.
 */
public record MappedTarget(Attributes always, Attributes createOnly) {

    public MappedTarget {
        java.util.Objects.requireNonNull(always, "always");
        java.util.Objects.requireNonNull(createOnly, "createOnly");
    }

    /** Everything a create sends: the create-only attributes under the always ones. */
    public Attributes forCreate() {
        return createOnly.withAll(always);
    }
}
