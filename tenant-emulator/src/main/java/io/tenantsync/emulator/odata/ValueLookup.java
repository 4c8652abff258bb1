package io.tenantsync.emulator.odata;

import java.util.List;
import java.util.Objects;

/**
 * A value a filter requires some element of a string collection to equal ({@code otherMails/any(m:m eq 'x')} as a
 * top-level conjunct): only objects holding an {@code OBJECT_VALUE} row with this {@code PROP} and lower-cased
 * {@code VALUE_LC} can match, so a store may start from those rows through the value index instead of walking the
 * tenant's objects, and then test only the rest of the filter.
 *
 * @param rest       the filter without that conjunct (SQL over {@code DIRECTORY_OBJECT o}, {@code TRUE} when nothing is
 *                   left), for the objects the lookup yields
 * @param restParams the parameters of {@code rest}, in order
 */
public record ValueLookup(String property, String valueLowerCase, String rest, List<Object> restParams) {
    public ValueLookup {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(valueLowerCase, "valueLowerCase");
        Objects.requireNonNull(rest, "rest");
        restParams = List.copyOf(restParams);
    }
}
