package io.tenantsync.core.store;

import java.util.Objects;

/** One attribute a write changed, as text (Graph's {@code modifiedProperty}); a null value is an absent one. */
public record ModifiedProperty(String name, String oldValue, String newValue) {

    public ModifiedProperty {
        Objects.requireNonNull(name, "name");
    }
}
