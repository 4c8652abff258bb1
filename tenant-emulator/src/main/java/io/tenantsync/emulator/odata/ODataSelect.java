package io.tenantsync.emulator.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Parses {@code $select} into property names as the client spelled them (Graph matches them case-insensitively). */
public final class ODataSelect {
    public static final int MAX_LENGTH = 4096;

    private ODataSelect() {}

    /**
     * The names in e.g. {@code id, displayName,mail}, in order, whitespace trimmed; throws
     * {@link ODataSyntaxException} for empty items and characters a property name cannot contain.
     */
    public static List<String> parse(String select) {
        Objects.requireNonNull(select, "select");
        QueryCursor in = new QueryCursor("$select", select, MAX_LENGTH);
        List<String> properties = new ArrayList<>();
        while (true) {
            in.skipWhitespace();
            String property = in.readIdentifier();
            if (property.isEmpty()) throw in.error("a property name");
            properties.add(property);
            in.skipWhitespace();
            if (in.atEnd()) return List.copyOf(properties);
            in.expect(',', "',' or the end of $select");
        }
    }
}
