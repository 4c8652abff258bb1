package io.tenantsync.emulator.odata;

import java.util.Objects;

/**
 * A value a filter requires some element of a string collection to equal ({@code otherMails/any(m:m eq 'x')} as a
 * top-level conjunct): only objects holding an {@code OBJECT_VALUE} row with this {@code PROP} and lower-cased
 * {@code VALUE_LC} can match, so a store may start from those rows through the value index instead of walking the
 * tenant's objects.
 */
public record ValueLookup(String property, String valueLowerCase) {
    public ValueLookup {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(valueLowerCase, "valueLowerCase");
    }
}
