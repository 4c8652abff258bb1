package io.tenantsync.core.mapping.expression;

/** The comparison operators Entra accepts inside a function argument, such as an IIF condition. */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written, e.g. {@code <>}. */
    public String symbol() {
        return symbol;
    }

    /** Whether a comparison that came out as {@code order} (negative, zero, positive) holds. */
    boolean holds(int order) {
        return switch (this) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
        };
    }
}
