package io.tenantsync.core.scope;

import io.tenantsync.core.model.Attributes;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One scoping-filter clause: source attribute, operator, value (entra-semantics §2.1). Compiled once: the regex and the
 * integer operand are prepared at construction because clauses run for every user on every cycle.
 *
 * <p>Semantics, with the documented ones marked [DOC] and our choices where Microsoft is silent marked [OURS]:
 * <ul>
 *   <li>[DOC] {@code EQUALS}, {@code NOT EQUALS}, {@code Includes} and {@code REGEX MATCH} are case-sensitive.
 *       [OURS] {@code ENDS_WITH}, {@code &} and {@code !&} are case-sensitive too, like the rest of the list.</li>
 *   <li>[DOC] "Scoping filters return false if the value is null or empty": every operator that compares a value
 *       is false when the attribute is absent or the empty string — including the negated ones ({@code NOT EQUALS},
 *       {@code !&}, {@code NOT REGEX MATCH}, the last documented explicitly). {@code IS NULL} is true and
 *       {@code IS NOT NULL} false in that case; {@code IS TRUE} and {@code IS FALSE} are both false.</li>
 *   <li>Values compare in Entra's text form: booleans as {@code True}/{@code False}, integers in decimal.</li>
 *   <li>[OURS] {@code IS TRUE}/{@code IS FALSE} accept a boolean or the strings {@code true}/{@code false} in any case,
 *       since a SCIM source may deliver booleans as text.</li>
 *   <li>[DOC] {@code Greater_Than*} (and our {@code Less_Than*}) compare integers: the clause value must be one (checked
 *       at construction) and an attribute that is not an integer makes the clause false.</li>
 *   <li>[OURS] {@code REGEX MATCH} finds the pattern anywhere in the value (the .NET {@code Regex.IsMatch} the Entra
 *       engine runs on is unanchored); anchor with {@code ^…$} for a whole-value match. Choosing the unanchored reading
 *       errs toward keeping users in scope rather than deprovisioning them.</li>
 *   <li>[INFERRED] {@code &} is true when the clause value contains the attribute's value (the docs' "the evaluated
 *       attribute exists in the input string value"); {@code !&} is its negation.</li>
 *   <li>[DOC] Filtering on multi-valued attributes is unsupported; [OURS] a one-element list counts as its element,
 *       a longer list makes every value comparison false ({@code IS NULL}/{@code IS NOT NULL} still answer).</li>
 * </ul>
 */
public final class ScopingClause {

    /** Stands for an attribute with several values, which no value comparison accepts. */
    private static final Object MULTI_VALUED = new Object();

    private final String attribute;
    private final ScopingOperator operator;
    private final String value;
    private final Pattern pattern;
    private final long integerValue;

    private ScopingClause(String attribute, ScopingOperator operator, String value) {
        this.attribute = attribute;
        this.operator = operator;
        this.value = operator.takesValue() ? value : null;
        this.pattern = compilePattern();
        this.integerValue = parseIntegerValue();
    }

    /**
     * A clause from its parts; the operator is parsed as {@link ScopingOperator#parse} does.
     *
     * @throws InvalidScopingClauseException naming the clause when it cannot be evaluated
     */
    public static ScopingClause of(String attribute, String operator, String value) {
        if (operator == null || operator.isBlank()) {
            throw new InvalidScopingClauseException(
                    "scoping clause " + attribute + " " + quote(value) + ": the operator is missing");
        }
        ScopingOperator parsed = ScopingOperator.parse(operator).orElseThrow(() -> new InvalidScopingClauseException(
                "scoping clause " + attribute + " " + operator + " " + quote(value) + ": unknown operator "
                        + quote(operator)));
        return of(attribute, parsed, value);
    }

    /** @throws InvalidScopingClauseException naming the clause when it cannot be evaluated */
    public static ScopingClause of(String attribute, ScopingOperator operator, String value) {
        Objects.requireNonNull(operator, "operator");
        if (attribute == null || attribute.isBlank()) {
            throw new InvalidScopingClauseException(
                    "scoping clause " + operator + " " + quote(value) + ": the source attribute is missing");
        }
        if (operator.takesValue() && (value == null || value.isEmpty())) {
            throw new InvalidScopingClauseException(
                    "scoping clause " + attribute + " " + operator + ": the operator needs a value");
        }
        return new ScopingClause(attribute.strip(), operator, value);
    }

    public String attribute() {
        return attribute;
    }

    public ScopingOperator operator() {
        return operator;
    }

    /** The value compared against; null for unary operators. */
    public String value() {
        return value;
    }

    /** Whether the source object satisfies this clause. */
    public boolean matches(Attributes source) {
        Object raw = singleValue(source);
        if (raw == MULTI_VALUED) {
            return operator == ScopingOperator.IS_NOT_NULL;
        }
        String text = Attributes.text(raw);
        boolean empty = text == null || text.isEmpty();
        // Every value comparison is false on an empty attribute (entra-semantics §2.1), negated ones included.
        return switch (operator) {
            case IS_NULL -> empty;
            case IS_NOT_NULL -> !empty;
            case IS_TRUE -> isBoolean(raw, true);
            case IS_FALSE -> isBoolean(raw, false);
            case EQUALS -> !empty && text.equals(value);
            case NOT_EQUALS -> !empty && !text.equals(value);
            case INCLUDES -> !empty && text.contains(value);
            case ENDS_WITH -> !empty && text.endsWith(value);
            case AMPERSAND -> !empty && value.contains(text);
            case NOT_AMPERSAND -> !empty && !value.contains(text);
            case REGEX_MATCH -> !empty && pattern.matcher(text).find();
            case NOT_REGEX_MATCH -> !empty && !pattern.matcher(text).find();
            case GREATER_THAN, GREATER_THAN_OR_EQUALS, LESS_THAN, LESS_THAN_OR_EQUALS ->
                    !empty && compareIntegers(raw, text);
        };
    }

    /**
     * Why {@link #matches} is false for this source, for provisioning logs: the clause and the value it saw.
     * Only called on a mismatch, so the fast path never builds strings.
     */
    public String explainMismatch(Attributes source) {
        Object raw = singleValue(source);
        String seen;
        if (raw == MULTI_VALUED) {
            seen = attribute + " is multi-valued, which scoping filters do not compare";
        } else if (raw == null || Attributes.text(raw).isEmpty()) {
            seen = attribute + " is empty";
        } else if (operator.isNumeric() && integerOf(raw, Attributes.text(raw)) == null) {
            seen = attribute + " is " + quote(Attributes.text(raw)) + ", not an integer";
        } else {
            seen = attribute + " is " + quote(Attributes.text(raw));
        }
        return describe() + " is false (" + seen + ")";
    }

    /** The clause as Entra's logs print it: {@code department EQUALS 'sales'}, {@code accountEnabled IS TRUE}. */
    public String describe() {
        return operator.takesValue() ? attribute + " " + operator + " " + quote(value) : attribute + " " + operator;
    }

    private Object singleValue(Attributes source) {
        Object raw = source.get(attribute);
        if (raw instanceof List<?> list) {
            return list.isEmpty() ? null : list.size() == 1 ? list.get(0) : MULTI_VALUED;
        }
        return raw;
    }

    private static boolean isBoolean(Object raw, boolean expected) {
        if (raw instanceof Boolean b) {
            return b == expected;
        }
        return raw instanceof String s && s.strip().equalsIgnoreCase(Boolean.toString(expected));
    }

    private boolean compareIntegers(Object raw, String text) {
        Long actual = integerOf(raw, text);
        if (actual == null) {
            return false;
        }
        int comparison = Long.compare(actual, integerValue);
        return switch (operator) {
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_OR_EQUALS -> comparison >= 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_OR_EQUALS -> comparison <= 0;
            default -> throw new IllegalStateException("not a numeric operator: " + operator);
        };
    }

    private static Long integerOf(Object raw, String text) {
        if (raw instanceof Long number) {
            return number;
        }
        if (raw instanceof Boolean) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }

    private Pattern compilePattern() {
        if (operator != ScopingOperator.REGEX_MATCH && operator != ScopingOperator.NOT_REGEX_MATCH) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException badRegex) {
            throw new InvalidScopingClauseException("scoping clause " + describe() + ": invalid regular expression ("
                    + badRegex.getDescription() + " near index " + badRegex.getIndex() + ")", badRegex);
        }
    }

    private long parseIntegerValue() {
        if (!operator.isNumeric()) {
            return 0;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notAnInteger) {
            throw new InvalidScopingClauseException("scoping clause " + describe() + ": " + operator
                    + " compares integers, but " + quote(value) + " is not an integer", notAnInteger);
        }
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopingClause that && attribute.equalsIgnoreCase(that.attribute)
                && operator == that.operator && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attribute.toLowerCase(java.util.Locale.ROOT), operator, value);
    }

    @Override
    public String toString() {
        return describe();
    }
}
