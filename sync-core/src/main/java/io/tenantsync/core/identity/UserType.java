package io.tenantsync.core.identity;

import java.util.Arrays;
import java.util.Optional;

/** Graph's {@code userType}. CTS creates {@link #MEMBER} by default; {@link #GUEST} is the optional alternative. */
public enum UserType {
    MEMBER("Member"),
    GUEST("Guest");

    private final String graphValue;

    UserType(String graphValue) {
        this.graphValue = graphValue;
    }

    /** The value as Graph writes it: {@code Member} or {@code Guest}. */
    public String graphValue() {
        return graphValue;
    }

    /** The type a Graph value names, ignoring case; empty for anything else. */
    public static Optional<UserType> fromGraphValue(String value) {
        return Arrays.stream(values()).filter(type -> type.graphValue.equalsIgnoreCase(value)).findFirst();
    }
}
