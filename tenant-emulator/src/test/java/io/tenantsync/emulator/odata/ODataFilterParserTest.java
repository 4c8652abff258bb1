package io.tenantsync.emulator.odata;

import static io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator.EQ;
import static io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator.GE;
import static io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator.GT;
import static io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator.LE;
import static io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator.LT;
import static io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator.NE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tenantsync.emulator.odata.FilterExpr.And;
import io.tenantsync.emulator.odata.FilterExpr.Comparison;
import io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator;
import io.tenantsync.emulator.odata.FilterExpr.CountComparison;
import io.tenantsync.emulator.odata.FilterExpr.In;
import io.tenantsync.emulator.odata.FilterExpr.Lambda;
import io.tenantsync.emulator.odata.FilterExpr.LambdaOperator;
import io.tenantsync.emulator.odata.FilterExpr.Not;
import io.tenantsync.emulator.odata.FilterExpr.Or;
import io.tenantsync.emulator.odata.FilterExpr.StringFunction;
import io.tenantsync.emulator.odata.FilterExpr.StringMatch;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ODataFilterParserTest {

    static Stream<Arguments> validFilters() {
        return Stream.of(
                arguments("mail eq 'a@contoso.com'", cmp(p("mail"), EQ, s("a@contoso.com"))),
                arguments("mail ne 'x'", cmp(p("mail"), NE, s("x"))),
                arguments("displayName gt 'a'", cmp(p("displayName"), GT, s("a"))),
                arguments("displayName ge 'a'", cmp(p("displayName"), GE, s("a"))),
                arguments("displayName lt 'a'", cmp(p("displayName"), LT, s("a"))),
                arguments("displayName le 'a'", cmp(p("displayName"), LE, s("a"))),
                arguments("mail EQ 'x'", cmp(p("mail"), EQ, s("x"))),
                arguments("  mail\teq   'x'  ", cmp(p("mail"), EQ, s("x"))),
                arguments("accountEnabled eq true", cmp(p("accountEnabled"), EQ, new Literal.BooleanValue(true))),
                arguments("accountEnabled eq FALSE", cmp(p("accountEnabled"), EQ, new Literal.BooleanValue(false))),
                arguments("mail eq null", cmp(p("mail"), EQ, new Literal.NullValue())),
                arguments("changeSeq le 42", cmp(p("changeSeq"), LE, new Literal.IntegerValue(42))),
                arguments("changeSeq gt -7", cmp(p("changeSeq"), GT, new Literal.IntegerValue(-7))),
                arguments("surname eq 'O''Brien'", cmp(p("surname"), EQ, s("O'Brien"))),
                arguments("surname eq ''''", cmp(p("surname"), EQ, s("'"))),
                arguments("surname eq ''", cmp(p("surname"), EQ, s(""))),
                arguments("displayName eq 'a and b or not c'", cmp(p("displayName"), EQ, s("a and b or not c"))),
                arguments("id eq 8f1e2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                        cmp(p("id"), EQ, s("8f1e2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b"))),
                arguments("id eq 'ABCDEF01-1c2d-4e5f-8a9b-0c1d2e3f4a5b'",
                        cmp(p("id"), EQ, s("ABCDEF01-1c2d-4e5f-8a9b-0c1d2e3f4a5b"))),
                arguments("createdDateTime ge 2024-01-01T00:00:00Z", cmp(p("createdDateTime"), GE, dt("2024-01-01T00:00:00Z"))),
                arguments("createdDateTime lt 2024-01-01T02:00:00.250+02:00",
                        cmp(p("createdDateTime"), LT, dt("2024-01-01T00:00:00.250Z"))),
                arguments("createdDateTime lt 2024-03-01T12:30:00", cmp(p("createdDateTime"), LT, dt("2024-03-01T12:30:00Z"))),
                arguments("createdDateTime ge 2024-01-01", cmp(p("createdDateTime"), GE, dt("2024-01-01T00:00:00Z"))),
                arguments("onPremisesExtensionAttributes/extensionAttribute1 eq 'x'",
                        cmp(p("onPremisesExtensionAttributes", "extensionAttribute1"), EQ, s("x"))),
                arguments("notes eq 'x'", cmp(p("notes"), EQ, s("x"))),
                arguments("userType in ('Guest', 'Member')", new In(p("userType"), List.of(s("Guest"), s("Member")))),
                arguments("userType IN('Guest')", new In(p("userType"), List.of(s("Guest")))),
                arguments("startsWith(mail,'ann')", new StringMatch(StringFunction.STARTS_WITH, p("mail"), "ann")),
                arguments("startswith( mail , 'ann' )", new StringMatch(StringFunction.STARTS_WITH, p("mail"), "ann")),
                arguments("STARTSWITH(mail,'ann')", new StringMatch(StringFunction.STARTS_WITH, p("mail"), "ann")),
                arguments("endsWith(mail,'@contoso.com')", new StringMatch(StringFunction.ENDS_WITH, p("mail"), "@contoso.com")),
                arguments("contains(displayName,'it''s')", new StringMatch(StringFunction.CONTAINS, p("displayName"), "it's")),
                arguments("startsWith(mail,'a') eq true", new StringMatch(StringFunction.STARTS_WITH, p("mail"), "a")),
                arguments("startsWith(mail,'a') eq false", new Not(new StringMatch(StringFunction.STARTS_WITH, p("mail"), "a"))),
                arguments("tolower(mail) eq 'x'", cmp(new Operand.ToLower(p("mail")), EQ, s("x"))),
                arguments("startswith(tolower(mail),'x')",
                        new StringMatch(StringFunction.STARTS_WITH, new Operand.ToLower(p("mail")), "x")),
                arguments("otherMails/any(x:x eq 'v')",
                        new Lambda(p("otherMails"), LambdaOperator.ANY, "x", cmp(var("x"), EQ, s("v")))),
                arguments("otherMails/any( x : x eq 'v' )",
                        new Lambda(p("otherMails"), LambdaOperator.ANY, "x", cmp(var("x"), EQ, s("v")))),
                arguments("proxyAddresses/any(x:startsWith(x,'smtp:'))",
                        new Lambda(p("proxyAddresses"), LambdaOperator.ANY, "x",
                                new StringMatch(StringFunction.STARTS_WITH, var("x"), "smtp:"))),
                arguments("identities/any(c:c/issuerAssignedId eq 'j@x' and c/issuer eq 'x')",
                        new Lambda(p("identities"), LambdaOperator.ANY, "c", new And(
                                cmp(var("c", "issuerAssignedId"), EQ, s("j@x")),
                                cmp(var("c", "issuer"), EQ, s("x"))))),
                arguments("otherMails/all(x:endsWith(x,'.com'))",
                        new Lambda(p("otherMails"), LambdaOperator.ALL, "x",
                                new StringMatch(StringFunction.ENDS_WITH, var("x"), ".com"))),
                arguments("otherMails/any(x:x eq 'v') and x eq 'w'", new And(
                        new Lambda(p("otherMails"), LambdaOperator.ANY, "x", cmp(var("x"), EQ, s("v"))),
                        cmp(p("x"), EQ, s("w")))),
                arguments("proxyAddresses/$count eq 0", new CountComparison(p("proxyAddresses"), EQ, 0)),
                arguments("proxyAddresses/$count gt 2", new CountComparison(p("proxyAddresses"), GT, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void parsesEveryConstruct(String filter, FilterExpr expected) {
        assertThat(ODataFilterParser.parse(filter)).isEqualTo(expected);
    }

    static Stream<Arguments> precedence() {
        FilterExpr a = cmp(p("a"), EQ, new Literal.IntegerValue(1));
        FilterExpr b = cmp(p("b"), EQ, new Literal.IntegerValue(2));
        FilterExpr c = cmp(p("c"), EQ, new Literal.IntegerValue(3));
        return Stream.of(
                arguments("a eq 1 or b eq 2 and c eq 3", new Or(a, new And(b, c))),
                arguments("a eq 1 and b eq 2 or c eq 3", new Or(new And(a, b), c)),
                arguments("(a eq 1 or b eq 2) and c eq 3", new And(new Or(a, b), c)),
                arguments("a eq 1 and b eq 2 and c eq 3", new And(new And(a, b), c)),
                arguments("a eq 1 or b eq 2 or c eq 3", new Or(new Or(a, b), c)),
                arguments("not a eq 1 and b eq 2", new And(new Not(a), b)),
                arguments("not(a eq 1) or b eq 2", new Or(new Not(a), b)),
                arguments("not (a eq 1 or b eq 2)", new Not(new Or(a, b))),
                arguments("NOT not a eq 1", new Not(new Not(a))),
                arguments("a eq 1 AND b eq 2 Or c eq 3", new Or(new And(a, b), c)),
                arguments("((a eq 1))", a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void notBindsTighterThanAndWhichBindsTighterThanOr(String filter, FilterExpr expected) {
        assertThat(ODataFilterParser.parse(filter)).isEqualTo(expected);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                arguments("mail eq 'x')", 11,
                        "Syntax error: character ')' is not valid at position 11 in 'mail eq 'x')'. Expected 'and', 'or' or the end of the filter."),
                arguments("", 0, "Syntax error: unexpected end of input at position 0 in ''. Expected a filter expression."),
                arguments("   ", 3, "unexpected end of input at position 3"),
                arguments("mail eq", 7, "unexpected end of input at position 7 in 'mail eq'. Expected a literal"),
                arguments("mail eq 'x", 8, "Syntax error: unterminated string literal starting at position 8 in 'mail eq 'x'."),
                arguments("mail equals 'x'", 5, "'equals' is not valid at position 5 in 'mail equals 'x''. Expected a comparison operator"),
                arguments("mail 'x'", 5, "character ''' is not valid at position 5"),
                arguments("mail eq abc", 8, "'abc' is not valid at position 8"),
                arguments("(mail eq 'x'", 12, "unexpected end of input at position 12 in '(mail eq 'x''. Expected ')', 'and' or 'or'."),
                arguments("mail eq 'x' and", 15, "unexpected end of input at position 15"),
                arguments("mail eq 'x' xor mail eq 'y'", 12, "character 'x' is not valid at position 12"),
                arguments("'x' eq mail", 0, "character ''' is not valid at position 0"),
                arguments("foo(mail,'x')", 0, "'foo' is not valid at position 0"),
                arguments("startsWith(mail, 5)", 17, "'5' is not valid at position 17 in 'startsWith(mail, 5)'. Expected a string literal."),
                arguments("startsWith(mail 'x')", 16, "Expected ','."),
                arguments("startsWith(mail,'x'", 19, "Expected ')'."),
                arguments("otherMails/any(:x eq 'v')", 15, "Expected a range variable name."),
                arguments("otherMails/any()", 15, "Expected a range variable name."),
                arguments("otherMails/any(x x eq 'v')", 17, "Expected ':' after the range variable."),
                arguments("otherMails/some(x:x eq 'v')", 11, "'some' is not valid at position 11"),
                arguments("proxyAddresses/$count eq 'x'", 25, "Expected a non-negative integer."),
                arguments("proxyAddresses/$size eq 0", 15, "'$size' is not valid at position 15"),
                arguments("mail/ eq 'x'", 5, "Expected a property name after '/'."),
                arguments("changeSeq eq 99999999999999999999", 13, "integer literal '99999999999999999999' is out of range"),
                arguments("changeSeq eq 1.5", 13, "'1.5' is not valid at position 13"),
                arguments("createdDateTime ge 2024-13-01T00:00:00Z", 19, "'2024-13-01T00:00:00Z' is not valid at position 19"),
                arguments("userType in ()", 13, "character ')' is not valid at position 13"),
                arguments("userType in ('a',)", 17, "character ')' is not valid at position 17"),
                arguments("userType in 'a'", 12, "Expected '(' starting the list of values."),
                arguments("startsWith(mail,'a') eq 'b'", 24, "Expected true or false."),
                arguments("mail eq 'x'\u0000", 11, "character '\\u0000' is not valid at position 11"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsNameThePositionAndWhatWasExpected(String filter, int position, String message) {
        assertThatThrownBy(() -> ODataFilterParser.parse(filter))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.code()).isEqualTo("BadRequest");
                })
                .hasMessageContaining(message);
    }

    @Test
    void rangeVariableIsOnlyInScopeInsideItsLambda() {
        FilterExpr parsed = ODataFilterParser.parse("x eq 'a' and otherMails/any(x:x eq 'b')");
        assertThat(((And) parsed).left()).isEqualTo(cmp(p("x"), EQ, s("a")));
    }

    @Test
    void rejectsFiltersLongerThanTheLimit() {
        String filter = "mail eq '" + "a".repeat(ODataFilterParser.MAX_LENGTH) + "'";
        assertThatThrownBy(() -> ODataFilterParser.parse(filter))
                .isInstanceOf(ODataSyntaxException.class)
                .hasMessageContaining("the limit is 4096");
    }

    @Test
    void acceptsFiltersUpToTheLimit() {
        String filter = "mail eq '" + "a".repeat(ODataFilterParser.MAX_LENGTH - 10) + "'";
        assertThat(filter).hasSize(ODataFilterParser.MAX_LENGTH);
        assertThat(ODataFilterParser.parse(filter)).isInstanceOf(Comparison.class);
    }

    @Test
    void acceptsModerateNesting() {
        String filter = "(".repeat(40) + "mail eq 'x'" + ")".repeat(40);
        assertThat(ODataFilterParser.parse(filter)).isEqualTo(cmp(p("mail"), EQ, s("x")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "parentheses | (",
            "not         | 'not '",
            "not-call    | not(",
            "tolower     | tolower(",
    })
    void rejectsNestingDeeperThanTheLimit(String kind, String opener) {
        String filter = opener.repeat(500) + "mail eq 'x'";
        assertThatThrownBy(() -> ODataFilterParser.parse(filter))
                .isInstanceOf(ODataSyntaxException.class)
                .hasMessageContaining("nests deeper than 64 levels");
    }

    @Test
    void rejectsLambdasNestedDeeperThanTheLimit() {
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < 100; i++) filter.append("a/any(x").append(i).append(':');
        filter.append("x0 eq 'a'").append(")".repeat(100));
        assertThatThrownBy(() -> ODataFilterParser.parse(filter.toString()))
                .isInstanceOf(ODataSyntaxException.class)
                .hasMessageContaining("nests deeper than 64 levels");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "mail eq 'x'                                                   | false",
            "startsWith(mail,'x') or userType in ('guest')                 | false",
            "otherMails/any(x:x eq 'a') and accountEnabled eq true         | false",
            "createdDateTime ge 2024-01-01T00:00:00Z                       | false",
            "mail ne 'x'                                                   | true",
            "mail ne null                                                  | true",
            "not(mail eq 'x')                                              | true",
            "endsWith(mail,'@contoso.com')                                 | true",
            "startsWith(mail,'a') eq false                                 | true",
            "proxyAddresses/$count eq 0                                    | true",
            "onPremisesExtensionAttributes/extensionAttribute1 eq 'x'      | true",
            "startsWith(onPremisesExtensionAttributes/extensionAttribute3,'x') | true",
            "mail eq 'x' or otherMails/any(x:x ne 'a')                     | true",
            "identities/any(c:c/issuer eq 'x' and not(c/signInType eq 'y')) | true",
    })
    void knowsWhichFiltersNeedAdvancedQueries(String filter, boolean advanced) {
        assertThat(ODataFilterParser.parse(filter).requiresAdvancedQuery()).isEqualTo(advanced);
    }

    static Operand.Property p(String... path) { return new Operand.Property(List.of(path)); }

    static Operand.RangeVariable var(String name, String... path) { return new Operand.RangeVariable(name, List.of(path)); }

    static Literal s(String value) { return new Literal.StringValue(value); }

    static Literal dt(String instant) { return new Literal.DateTimeValue(Instant.parse(instant)); }

    static FilterExpr cmp(Operand subject, ComparisonOperator operator, Literal value) {
        return new Comparison(subject, operator, value);
    }
}
