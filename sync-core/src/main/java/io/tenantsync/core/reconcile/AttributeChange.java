package io.tenantsync.core.reconcile;

import java.util.Objects;

/**
 * One attribute an update changes, with its value before and after, as a provisioning log's modified property.
 *
 * @param oldValue the target's current value, or null when it has none
 * @param newValue the value to write, or null to clear the attribute
 */
public record AttributeChange(String name, Object oldValue, Object newValue) {

    public AttributeChange {
        Objects.requireNonNull(name, "name");
        if (oldValue == null && newValue == null) {
            throw new IllegalArgumentException("a change of " + name + " from nothing to nothing changes nothing");
        }
    }

    /** Whether this change removes the attribute's value. */
    public boolean clears() {
        return newValue == null;
    }
}
