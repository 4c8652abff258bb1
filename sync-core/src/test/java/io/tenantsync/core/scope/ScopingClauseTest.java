package io.tenantsync.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.model.Attributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table per operator. The first column is the source attribute's value: empty = absent (null), {@code ''} = the
 * empty string, {@code b:true} a boolean, {@code n:42} an integer, {@code [a|b]} a multi-valued attribute.
 */
class ScopingClauseTest {

    private static boolean evaluate(String operator, String clauseValue, String sourceCell) {
        return ScopingClause.of("attr", operator, clauseValue).matches(source(sourceCell));
    }

    static Attributes source(String cell) {
        Map<String, Object> values = new HashMap<>();
        values.put("attr", cell == null ? null
                : cell.startsWith("b:") ? Boolean.valueOf(cell.substring(2))
                : cell.startsWith("n:") ? Long.valueOf(cell.substring(2))
                : cell.startsWith("[") ? Arrays.asList(cell.substring(1, cell.length() - 1).split("\\|", -1))
                : cell);
        return Attributes.of(values);
    }

    @ParameterizedTest(name = "{0} EQUALS {1} -> {2}")
    @CsvSource({
        "Sales,     Sales, true",
        "sales,     Sales, false",   // case-sensitive
        "'Sales ',  Sales, false",   // no trimming
        ",          Sales, false",   // null
        "'',        Sales, false",   // empty
        "b:true,    True,  true",    // booleans compare as Entra prints them
        "b:true,    true,  false",
        "n:42,      42,    true",
        "[Sales],   Sales, true",    // a one-element list is its element
        "[Sales|HR], Sales, false",  // multi-valued attributes are not compared
    })
    void equalsIsExactAndCaseSensitiveAndFalseOnNull(String source, String value, boolean expected) {
        assertThat(evaluate("EQUALS", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} NOT EQUALS {1} -> {2}")
    @CsvSource({
        "Marketing, Sales, true",
        "Sales,     Sales, false",
        "sales,     Sales, true",    // case-sensitive: differs only in case, so not equal
        ",          Sales, false",   // null: value comparisons are false, negated ones too
        "'',        Sales, false",
        "[Sales|HR], Sales, false",
    })
    void notEqualsIsCaseSensitiveAndFalseOnNull(String source, String value, boolean expected) {
        assertThat(evaluate("NOT EQUALS", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Includes {1} -> {2}")
    @CsvSource({
        "Sales EMEA, EMEA, true",
        "Sales emea, EMEA, false",
        "EMEA,       EMEA, true",
        ",           EMEA, false",
        "'',         EMEA, false",
    })
    void includesIsCaseSensitiveContains(String source, String value, boolean expected) {
        assertThat(evaluate("Includes", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ENDS_WITH {1} -> {2}")
    @CsvSource({
        "ada@contoso.com, @contoso.com, true",
        "ada@CONTOSO.com, @contoso.com, false",
        "ada@contoso.com.evil, @contoso.com, false",
        ",               @contoso.com, false",
        "'',             @contoso.com, false",
    })
    void endsWithIsCaseSensitive(String source, String value, boolean expected) {
        assertThat(evaluate("ENDS_WITH", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} & {1} -> {2}")
    @CsvSource({
        "Sales, 'Sales,Marketing', true",
        "HR,    'Sales,Marketing', false",
        "sales, 'Sales,Marketing', false",
        ",      'Sales,Marketing', false",
        "'',    'Sales,Marketing', false",
    })
    void ampersandIsTrueWhenTheValueContainsTheAttribute(String source, String value, boolean expected) {
        assertThat(evaluate("&", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} !& {1} -> {2}")
    @CsvSource({
        "HR,    'Sales,Marketing', true",
        "Sales, 'Sales,Marketing', false",
        ",      'Sales,Marketing', false",
        "'',    'Sales,Marketing', false",
    })
    void notAmpersandNegatesAmpersandButIsFalseOnNull(String source, String value, boolean expected) {
        assertThat(evaluate("!&", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} IS TRUE -> {1}")
    @CsvSource({
        "b:true,  true",
        "b:false, false",
        "true,    true",   // text booleans from a SCIM source
        "True,    true",
        "yes,     false",
        ",        false",
        "'',      false",
    })
    void isTrueHoldsForBooleanTrueOnly(String source, boolean expected) {
        assertThat(evaluate("IS TRUE", null, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} IS FALSE -> {1}")
    @CsvSource({
        "b:false, true",
        "b:true,  false",
        "FALSE,   true",
        "no,      false",
        ",        false",  // absent is not false
        "'',      false",
    })
    void isFalseHoldsForBooleanFalseOnlyNotForNull(String source, boolean expected) {
        assertThat(evaluate("IS FALSE", null, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} IS NULL -> {1}")
    @CsvSource({
        ",          true",
        "'',        true",
        "[],        true",
        "Sales,     false",
        "b:false,   false",
        "n:0,       false",
        "[Sales|HR], false",
    })
    void isNullHoldsForAbsentOrEmpty(String source, boolean expected) {
        assertThat(evaluate("IS NULL", null, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} IS NOT NULL -> {1}")
    @CsvSource({
        "Sales,     true",
        "b:false,   true",
        "[Sales|HR], true",
        ",          false",
        "'',        false",
    })
    void isNotNullHoldsForAnyValue(String source, boolean expected) {
        assertThat(evaluate("IS NOT NULL", null, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} REGEX MATCH {1} -> {2}")
    @CsvSource({
        "ada@domain.com,  .*\\@domain.com,                    true",   // documented example
        "ada@DOMAIN.com,  .*\\@domain.com,                    false",  // case-sensitive
        "ada@other.com,   .*\\@domain.com,                    false",
        "42,              ([1-9][0-9]),                       true",   // documented example
        "7,               ([1-9][0-9]),                       false",
        "142,             ([1-9][0-9]),                       true",   // unanchored, like .NET Regex.IsMatch
        "142,             ^([1-9][0-9])$,                     false",  // anchor for a whole-value match
        "1234567,         (1[0-9][0-9][0-9][0-9][0-9][0-9]),  true",   // documented workerID example
        "x,               '(?i)X',                            true",   // inline flags still work
        ",                .*,                                 false",
        "'',              .*,                                 false",
    })
    void regexMatchFindsTheCaseSensitivePatternAndIsFalseOnNull(String source, String value, boolean expected) {
        assertThat(evaluate("REGEX MATCH", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} NOT REGEX MATCH {1} -> {2}")
    @CsvSource({
        "ada@other.com,  .*\\@domain.com, true",
        "ada@domain.com, .*\\@domain.com, false",
        "ada@DOMAIN.com, .*\\@domain.com, true",
        ",               .*\\@domain.com, false",  // documented: false when the attribute is null
        "'',             .*\\@domain.com, false",  // ... or empty
    })
    void notRegexMatchIsFalseOnNullOrEmpty(String source, String value, boolean expected) {
        assertThat(evaluate("NOT REGEX MATCH", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Greater_Than {1} -> {2}")
    @CsvSource({
        "n:5,  4,  true",
        "n:4,  4,  false",
        "n:3,  4,  false",
        "5,    4,  true",    // integer text
        "' 5', 4,  true",
        "n:-1, -2, true",
        "4.5,  4,  false",   // not an integer
        "abc,  4,  false",
        "b:true, 0, false",
        ",     4,  false",
        "'',   4,  false",
    })
    void greaterThanComparesIntegersOnly(String source, String value, boolean expected) {
        assertThat(evaluate("Greater_Than", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Greater_Than_OR_EQUALS {1} -> {2}")
    @CsvSource({
        "n:5, 4, true",
        "n:4, 4, true",
        "n:3, 4, false",
        "x,   4, false",
        ",    4, false",
    })
    void greaterThanOrEqualsComparesIntegersOnly(String source, String value, boolean expected) {
        assertThat(evaluate("Greater_Than_OR_EQUALS", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Less_Than {1} -> {2}")
    @CsvSource({
        "n:3, 4, true",
        "n:4, 4, false",
        "n:5, 4, false",
        "x,   4, false",
        ",    4, false",
    })
    void lessThanComparesIntegersOnly(String source, String value, boolean expected) {
        assertThat(evaluate("Less_Than", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Less_Than_OR_EQUALS {1} -> {2}")
    @CsvSource({
        "n:3, 4, true",
        "n:4, 4, true",
        "n:5, 4, false",
        "x,   4, false",
        ",    4, false",
    })
    void lessThanOrEqualsComparesIntegersOnly(String source, String value, boolean expected) {
        assertThat(evaluate("Less_Than_OR_EQUALS", value, source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "EQUALS,                 EQUALS",
        "equals,                 EQUALS",
        "NOT EQUALS,             NOT_EQUALS",
        "NotEquals,              NOT_EQUALS",
        "IS NULL,                IS_NULL",
        "IsNull,                 IS_NULL",
        "IS NOT NULL,            IS_NOT_NULL",
        "IS TRUE,                IS_TRUE",
        "IS FALSE,               IS_FALSE",
        "Greater_Than,           GREATER_THAN",
        "GREATER THAN,           GREATER_THAN",
        "Greater_Than_OR_EQUALS, GREATER_THAN_OR_EQUALS",
        "Less_Than,              LESS_THAN",
        "Less_Than_OR_EQUALS,    LESS_THAN_OR_EQUALS",
        "Includes,               INCLUDES",
        "ENDS_WITH,              ENDS_WITH",
        "REGEX MATCH,            REGEX_MATCH",
        "NOT REGEX MATCH,        NOT_REGEX_MATCH",
        "&,                      AMPERSAND",
        "!&,                     NOT_AMPERSAND",
    })
    void operatorsParseFromPortalAndGraphSpellings(String name, ScopingOperator expected) {
        assertThat(ScopingOperator.parse(name)).contains(expected);
    }

    @Test
    void unknownOperatorFailsAtConstructionNamingTheClause() {
        assertThatThrownBy(() -> ScopingClause.of("department", "IS MEMBER OF", "g1"))
                .isInstanceOf(InvalidScopingClauseException.class)
                .hasMessageContaining("department")
                .hasMessageContaining("unknown operator 'IS MEMBER OF'");
    }

    @Test
    void invalidRegexFailsAtConstructionNamingTheClause() {
        assertThatThrownBy(() -> ScopingClause.of("userPrincipalName", "REGEX MATCH", "([a-z"))
                .isInstanceOf(InvalidScopingClauseException.class)
                .hasMessageContaining("userPrincipalName REGEX MATCH '([a-z'")
                .hasMessageContaining("invalid regular expression");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"Greater_Than, abc", "Greater_Than_OR_EQUALS, 4.5", "Less_Than, ''", "Less_Than_OR_EQUALS, 1e3"})
    void numericOperatorWithNonIntegerValueFailsAtConstruction(String operator, String value) {
        assertThatThrownBy(() -> ScopingClause.of("employeeId", operator, value))
                .isInstanceOf(InvalidScopingClauseException.class)
                .hasMessageContaining("employeeId");
    }

    @Test
    void binaryOperatorWithoutValueFailsAtConstruction() {
        assertThatThrownBy(() -> ScopingClause.of("department", "EQUALS", null))
                .isInstanceOf(InvalidScopingClauseException.class)
                .hasMessage("scoping clause department EQUALS: the operator needs a value");
    }

    @Test
    void clauseWithoutAttributeOrOperatorFailsAtConstruction() {
        assertThatThrownBy(() -> ScopingClause.of(" ", "EQUALS", "x"))
                .isInstanceOf(InvalidScopingClauseException.class).hasMessageContaining("source attribute is missing");
        assertThatThrownBy(() -> ScopingClause.of("department", (String) null, "x"))
                .isInstanceOf(InvalidScopingClauseException.class).hasMessageContaining("operator is missing");
    }

    @Test
    void unaryOperatorsIgnoreAValueAndDescribeWithoutOne() {
        ScopingClause clause = ScopingClause.of("accountEnabled", "IS TRUE", "whatever");
        assertThat(clause.value()).isNull();
        assertThat(clause.describe()).isEqualTo("accountEnabled IS TRUE");
    }

    @Test
    void attributeNamesMatchIgnoringCaseLikeEntraMappings() {
        ScopingClause clause = ScopingClause.of("Department", "EQUALS", "Sales");
        assertThat(clause.matches(Attributes.of("department", "Sales"))).isTrue();
    }

    @Test
    void mismatchExplanationNamesTheClauseAndTheValueSeen() {
        ScopingClause clause = ScopingClause.of("department", "EQUALS", "Sales");
        assertThat(clause.explainMismatch(Attributes.of("department", "Marketing")))
                .isEqualTo("department EQUALS 'Sales' is false (department is 'Marketing')");
        assertThat(clause.explainMismatch(Attributes.empty()))
                .isEqualTo("department EQUALS 'Sales' is false (department is empty)");
        assertThat(ScopingClause.of("employeeId", "Greater_Than", "10").explainMismatch(Attributes.of("employeeId", "x")))
                .isEqualTo("employeeId Greater_Than '10' is false (employeeId is 'x', not an integer)");
        assertThat(clause.explainMismatch(Attributes.of("department", java.util.List.of("a", "b"))))
                .contains("multi-valued");
    }
}
