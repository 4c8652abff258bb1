package io.tenantsync.core.mapping.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.model.Attributes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Behaviour beyond the documented vectors: null handling, context functions, and the choices made where docs are silent. */
class FunctionBehaviourTest {

    private static final String F42 = "SelectUniqueValue("
            + "Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\",  [PreferredFirstName], [PreferredLastName]))), \"contoso.com\"), "
            + "Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), \"contoso.com\"), "
            + "Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), \"contoso.com\"))";
    private static final Attributes JOHN_SMITH = Attributes.of("PreferredFirstName", "John", "PreferredLastName", "Smith");

    private static ExpressionResult evaluate(String expression, Object... attributes) {
        return Expression.parse(expression).evaluate(Attributes.of(attributes), Contexts.fixed());
    }

    private static String text(String expression, Object... attributes) {
        ExpressionResult result = evaluate(expression, attributes);
        return result instanceof ExpressionResult.Value value ? value.text() : null;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Append([missing], ".test")                  | NULL
            Append("a", [missing])                      | a
            Left([missing], 3)                          | ''
            Left("John", 0)                             | ''
            Left("John", -1)                            | John
            Left("Jo", 5)                               | Jo
            Mid([missing], 1, 2)                        | NULL
            Mid("John", 9, 2)                           | ''
            Mid("John", 2, 99)                          | ohn
            Word([missing], 1, " ")                     | ''
            Word("a b", 0, " ")                         | ''
            Word("a b", 3, " ")                         | ''
            Word("a  b", 2, " ")                        | b
            InStr("abc", "z")                           | 0
            InStr([missing], "z")                       | NULL
            InStr("ABC", "b", 1, vbTextCompare)         | 2
            InStr("ABC", "b", 1, vbBinaryCompare)       | 0
            Join(",", [missing], "")                    | NULL
            Join(",", [missing], "a", [missing], "b")   | a,b
            Coalesce([missing], "", "x")                | ''
            Coalesce([missing], [missing])              | NULL
            Not([missing])                              | True
            Not("true")                                 | False
            CBool([missing])                            | False
            CBool(1)                                    | True
            CBool("0")                                  | False
            IsNull([missing])                           | True
            IsNullOrEmpty("")                           | True
            IsPresent("")                               | False
            IsString([missing])                         | False
            IsString(5)                                 | True
            Count([missing])                            | 0
            Item([missing], 1)                          | NULL
            IIF([missing] = "x", "yes", "no")           | no
            IIF([missing] <> "x", "yes", "no")          | no
            IIF("" = "", "yes", "no")                   | no
            IIF(3 > "20", "yes", "no")                  | no
            IIF("3" > "20", "yes", "no")                | yes
            IIF(DateDiff("d", Now(), CDate("2021-07-10")) > 5, "False", "True") | False
            Switch([missing], "default", "", "empty")   | empty
            Switch("A", "default", "a", "lower")        | default
            ToUpper("istanbul", "tr-TR")                | İSTANBUL
            ToLower("ÀB")                               | àb
            Split([missing], ",")                       | NULL
            CDate("not a date")                         | NULL
            CDate("2021-02-30")                         | NULL
            CDate("2021-08-24T10:15:30.5Z")             | 8/24/2021 10:15:30 AM
            CDate("2021-08-24 10:15")                   | 8/24/2021 10:15:00 AM
            CDate("2021-08-24T23:15:00+0130")           | 8/24/2021 9:45:00 PM
            CDate("2021-08-24T24:00:00Z")               | NULL
            CDate("8/25/2021 17:41")                    | 8/25/2021 5:41:00 PM
            CDate("12/31/2020 12:00:00 AM")             | 12/31/2020 12:00:00 AM
            CDate("8/25/2021 13:41:18 PM")              | NULL
            DateAdd("m", 1, CDate("2021-01-31"))        | 2/28/2021 12:00:00 AM
            DateFromNum("129699324000000000")           | 1/1/2012 11:00:00 PM
            FormatDateTime("12/31/2020 11:05:00 PM", "M/d/yyyy hh:mm:ss tt", "yyyy-MM-ddTHH:mm:ssK") | 2020-12-31T23:05:00Z
            FormatDateTime("garbage", , "yyyyMMdd", "yyyy-MM-dd") | NULL
            BitAnd("x", 1)                              | NULL
            NormalizeDiacritics("Straße Łódź Ærø")      | Strasse Lodz AEroe
            StripSpaces(" a b ")                        | ab
            PCase("o'neil-smith", "-")                  | O'neil-Smith
            Replace([missing], "a", , , "b", , )        | NULL
            Replace("aXa", "X", , , [missing], , )      | aa
            Replace("a.b", , [pattern], , "-", , )      | a.b
            """)
    void functionHandlesNullsAndEdgesAsDocumentedOrChosen(String expression, String expected) {
        assertThat(text(expression)).isEqualTo(expected);
    }

    @Test
    void selectUniqueValueReturnsTheFirstCandidateNotTaken() {
        Expression expression = Expression.parse(F42);
        assertThat(expression.evaluate(JOHN_SMITH, Contexts.taking(Set.of()), "userPrincipalName"))
                .isEqualTo(new ExpressionResult.Value("John.Smith@contoso.com"));
        assertThat(expression.evaluate(JOHN_SMITH, Contexts.taking(Set.of("John.Smith@contoso.com")), "userPrincipalName"))
                .isEqualTo(new ExpressionResult.Value("J.Smith@contoso.com"));
        assertThat(expression.evaluate(JOHN_SMITH,
                Contexts.taking(Set.of("John.Smith@contoso.com", "J.Smith@contoso.com")), "userPrincipalName"))
                .isEqualTo(new ExpressionResult.Value("Jo.Smith@contoso.com"));
    }

    @Test
    void selectUniqueValueReportsEveryCandidateWhenAllAreTaken() {
        Set<String> all = Set.of("John.Smith@contoso.com", "J.Smith@contoso.com", "Jo.Smith@contoso.com");
        assertThat(Expression.parse(F42).evaluate(JOHN_SMITH, Contexts.taking(all), "userPrincipalName"))
                .isEqualTo(new ExpressionResult.NoUniqueValue(
                        List.of("John.Smith@contoso.com", "J.Smith@contoso.com", "Jo.Smith@contoso.com")));
    }

    @Test
    void selectUniqueValueAsksTheProbeAboutItsTargetAttribute() {
        EvaluationContext context = Contexts.fixed().withUniqueness((attribute, value) -> !"mail".equals(attribute));
        assertThat(Expression.parse("SelectUniqueValue([a], [b])").evaluate(Attributes.of("a", "x", "b", "y"), context, "mail"))
                .isEqualTo(new ExpressionResult.Value("x"));
    }

    @Test
    void randomStringMeetsItsMinimumsF59() {
        String value = text("RandomString(6,3,0,0,3)");
        assertThat(value).hasSize(6);
        assertThat(value.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(3);
        assertThat(value.chars().filter(Character::isLowerCase).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void randomStringMeetsItsMinimumsAndAvoidsCharactersF60() {
        for (int i = 0; i < 50; i++) {
            String value = Expression.parse("RandomString(10,2,2,2,1,\"?,\")")
                    .evaluate(Attributes.empty(), new EvaluationContext(Contexts.fixed().clock(), () -> Contexts.FIXED_ID,
                            new java.util.Random(i), UniquenessProbe.nothingTaken())) instanceof ExpressionResult.Value v
                    ? v.text() : null;
            assertThat(value).hasSize(10).doesNotContain("?", ",");
            assertThat(value.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(2);
            assertThat(value.chars().filter(Character::isUpperCase).count()).isGreaterThanOrEqualTo(2);
            assertThat(value.chars().filter(Character::isLowerCase).count()).isGreaterThanOrEqualTo(1);
            assertThat(value.chars().filter(c -> !Character.isLetterOrDigit(c)).count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void randomStringIsDeterministicForAGivenRandomSource() {
        assertThat(text("RandomString(12,2,2,2,2)")).isEqualTo(text("RandomString(12,2,2,2,2)"));
    }

    @Test
    void guidAndNowComeFromTheContext() {
        assertThat(text("Guid()")).isEqualTo("00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
        assertThat(text("Now()")).isEqualTo("7/2/2021 3:33:38 PM");
        assertThat(((ExpressionResult.Value) evaluate("Now()")).value()).isEqualTo(Instant.parse("2021-07-02T15:33:38Z"));
    }

    @Test
    void redactedValueStillFlowsF61() {
        Expression expression = Expression.parse("Redact([userPrincipalName])");
        assertThat(expression.redacted()).isTrue();
        assertThat(expression.evaluate(Attributes.of("userPrincipalName", "a@b.example"), Contexts.fixed()))
                .isEqualTo(new ExpressionResult.Value("a@b.example"));
        assertThat(Expression.parse("[userPrincipalName]").redacted()).isFalse();
    }

    @Test
    void ignoreFlowDropsEmptyStringsAndNullsButKeepsValues() {
        assertThat(evaluate("IgnoreFlowIfNullOrEmpty([department])")).isEqualTo(ExpressionResult.IGNORED);
        assertThat(evaluate("IgnoreFlowIfNullOrEmpty([department])", "department", "")).isEqualTo(ExpressionResult.IGNORED);
        assertThat(evaluate("IgnoreFlowIfNullOrEmpty([department])", "department", "Sales"))
                .isEqualTo(new ExpressionResult.Value("Sales"));
    }

    @Test
    void nullResultIsDistinctFromIgnoredFlow() {
        assertThat(evaluate("[department]")).isEqualTo(ExpressionResult.NULL);
        assertThat(evaluate("[department]", "department", "")).isEqualTo(new ExpressionResult.Value(""));
    }

    @Test
    void multiValuedAttributesJoinCountIndexAndDeduplicate() {
        Object[] source = {"proxyAddresses", List.of("SMTP:a@x", "smtp:b@x", "smtp:b@x")};
        assertThat(text("Join(\";\", [proxyAddresses])", source)).isEqualTo("SMTP:a@x;smtp:b@x;smtp:b@x");
        assertThat(text("Count([proxyAddresses])", source)).isEqualTo("3");
        assertThat(text("Item([proxyAddresses], 2)", source)).isEqualTo("smtp:b@x");
        assertThat(text("Item([proxyAddresses], 0)", source)).isNull();
        assertThat(evaluate("RemoveDuplicates([proxyAddresses])", source))
                .isEqualTo(new ExpressionResult.Value(List.of("SMTP:a@x", "smtp:b@x")));
    }

    @Test
    void functionNamesAreCaseInsensitiveAndPrintAsDocumented() {
        Expression expression = Expression.parse("altsecidfromnetid([netId])");
        assertThat(expression.canonicalText()).isEqualTo("AltSecIdFromNetId([netId])");
        assertThat(Expression.parse("AltSecidFromNetid([netId])")).isEqualTo(expression);
    }

    @Test
    void quotedNumbersWorkWhereNumbersAreExpected() {
        assertThat(text("Mid([PreferredFirstName], \"1\", \"1\")", "PreferredFirstName", "John")).isEqualTo("J");
        assertThat(text("DateAdd(\"d\", \"10\", Now())")).isEqualTo("7/12/2021 3:33:38 PM");
    }

    @Test
    void escapedQuotesAndBackslashesInStringsAreUnescaped() {
        assertThat(text("Append(\"Company name: \\\"Contoso\\\"\", \"\\\\\")")).isEqualTo("Company name: \"Contoso\"\\");
    }

    @Test
    void booleanAttributesReadAsTrueAndFalse() {
        assertThat(text("Not([accountEnabled])", "accountEnabled", true)).isEqualTo("False");
        assertThat(text("IIF([accountEnabled] = \"True\", \"on\", \"off\")", "accountEnabled", true)).isEqualTo("on");
        assertThat(text("CStr([accountEnabled])", "accountEnabled", false)).isEqualTo("False");
    }

    @Test
    void attributeReferencesAreListedWithPositions() {
        assertThat(Expression.parse("Join(\" \", [givenName], [surname])").attributeReferences())
                .containsExactly(new AttributeReference("givenName", 11), new AttributeReference("surname", 24));
    }
}
