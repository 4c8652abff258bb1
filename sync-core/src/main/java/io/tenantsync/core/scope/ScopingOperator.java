package io.tenantsync.core.scope;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The operators of an Entra scoping-filter clause, as the portal lists them (entra-semantics §2.1).
 *
 * <p>Names are parsed ignoring case, spaces and underscores, so both the portal spelling ({@code NOT EQUALS},
 * {@code IS NULL}, {@code Greater_Than}) and Graph-style spellings ({@code IsNull}, {@code GREATER_THAN}) are read.
 * {@link #LESS_THAN} and {@link #LESS_THAN_OR_EQUALS} are not in Microsoft's published list; they are accepted as the
 * mirror images of the documented {@code Greater_Than} operators.
 */
public enum ScopingOperator {
    /** The clause value contains the attribute's value (our reading of "exists in the input string value"). */
    AMPERSAND("&", true),
    /** Negation of {@link #AMPERSAND}; false, like every value comparison, when the attribute is null or empty. */
    NOT_AMPERSAND("!&", true),
    ENDS_WITH("ENDS_WITH", true),
    EQUALS("EQUALS", true),
    NOT_EQUALS("NOT EQUALS", true),
    GREATER_THAN("Greater_Than", true),
    GREATER_THAN_OR_EQUALS("Greater_Than_OR_EQUALS", true),
    LESS_THAN("Less_Than", true),
    LESS_THAN_OR_EQUALS("Less_Than_OR_EQUALS", true),
    INCLUDES("Includes", true),
    IS_FALSE("IS FALSE", false),
    IS_TRUE("IS TRUE", false),
    IS_NULL("IS NULL", false),
    IS_NOT_NULL("IS NOT NULL", false),
    REGEX_MATCH("REGEX MATCH", true),
    NOT_REGEX_MATCH("NOT REGEX MATCH", true);

    private final String portalName;
    private final boolean takesValue;

    ScopingOperator(String portalName, boolean takesValue) {
        this.portalName = portalName;
        this.takesValue = takesValue;
    }

    /** The name as the Entra portal and provisioning logs print it, e.g. {@code NOT EQUALS}. */
    public String portalName() {
        return portalName;
    }

    /** Whether a clause with this operator compares against a value (unary operators ignore it). */
    public boolean takesValue() {
        return takesValue;
    }

    /** Whether this operator compares integers; its value must then be an integer. */
    public boolean isNumeric() {
        return this == GREATER_THAN || this == GREATER_THAN_OR_EQUALS || this == LESS_THAN || this == LESS_THAN_OR_EQUALS;
    }

    /** The operator with that name in any of the accepted spellings, or empty. */
    public static Optional<ScopingOperator> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = comparisonKey(name);
        return Arrays.stream(values())
                .filter(operator -> comparisonKey(operator.portalName).equals(key)
                        || comparisonKey(operator.name()).equals(key))
                .findFirst();
    }

    private static String comparisonKey(String name) {
        return name.replace(" ", "").replace("_", "").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return portalName;
    }
}
