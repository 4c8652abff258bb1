package io.tenantsync.core.mapping.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedExpressionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Jion([a], "b")                                      | 1  | unknown function 'Jion'
            Join(", " [a])                                      | 11 | expected ',' or ')' after argument 1 of Join but found [a]
            Join(", ", [a]                                      | 15 | expected ')' to close Join( opened at column 1, found the end of the expression
            Join(", ", [a], Mid([b], 1, 2)                      | 31 | expected ')' to close Join( opened at column 1
            "abc                                                | 1  | string is not closed
            [mail                                               | 1  | attribute reference is not closed
            Append([], "x")                                     | 8  | attribute name is empty
            Mid([a], 1)                                         | 1  | Mid takes 3 arguments, got 2
            InStr("a", "b", 1, 0, 5)                            | 1  | InStr takes 2 to 4 arguments, got 5
            Coalesce()                                          | 1  | Coalesce takes at least 1 argument, got 0
            Now(1)                                              | 1  | Now takes 0 arguments, got 1
            Switch([a], "d", "k")                               | 1  | Switch takes at least 4 arguments, got 3
            Switch([a], "d", "k", "v", "k2")                    | 1  | Switch needs its keys and values in pairs
            Switch(, "d", "k", "v")                             | 8  | argument 1 of Switch (source) can't be left empty
            Left(, 3)                                           | 6  | argument 1 of Left (string) can't be left empty
            Append("a", "b") "c"                                | 18 | unexpected a string after the end of the expression
            `[a] = "x"`                                         | 5  | a comparison can only be a function argument
            IIF([a] = = "x", "y", "z")                          | 11 | expected a value after '=' in argument 1 of IIF
            IIF([a] = "x" = "y", "y", "z")                      | 15 | only one comparison per argument
            Replace([a], , "(", , "x", , )                      | 16 | invalid regexPattern
            Replace([a], "x")                                   | 1  | Replace needs oldValue with replacementValue or template
            DateAdd("q", 1, Now())                              | 9  | unknown interval "q" for DateAdd
            FormatDateTime([a], , "yyyy'MM", "yyyy")            | 23 | date format has an unclosed ' quote
            RandomString(300, 1, 1, 1, 1)                       | 1  | RandomString length must be between the sum of the minimums (4) and 256, got 300
            RandomString(3, 2, 2, 0, 0)                         | 1  | RandomString length must be between the sum of the minimums (4) and 256, got 3
            Join(",", IgnoreFlowIfNullOrEmpty([a]))             | 11 | IgnoreFlowIfNullOrEmpty must enclose the whole expression
            Append(SelectUniqueValue([a], [b]), "x")            | 8  | SelectUniqueValue must enclose the whole expression
            InStr("a", "b", 1, vbFastCompare)                   | 20 | unknown name 'vbFastCompare'
            `"a" & [b]`                                         | 5  | '&' is only valid in a hex literal
            BitAnd(&H, 1)                                       | 8  | hex literal needs digits after &H
            BitAnd(&HFG, 1)                                     | 11 | 'G' is not a hex digit
            Left("x", 99999999999999999999)                     | 11 | number is out of range
            Left("x", 1.5)                                      | 12 | unexpected '.' in a number
            Left("x", - 1)                                      | 11 | '-' must be followed by digits
            Trim([a])                                           | 1  | unknown function 'Trim' (it exists only in Cloud Sync expressions
            ConvertFromBase64("SGVsbG8gd29ybGQh", UTF8)         | 1  | unknown function 'ConvertFromBase64' (it exists only in Cloud Sync
            Append("a"; "b")                                    | 11 | unexpected character ';'
            `   `                                               | 4  | expression is empty
            """)
    void malformedExpressionIsRefusedWithPositionAndReason(String expression, int position, String reason) {
        ExpressionSyntaxException error = catchThrowableOfType(() -> Expression.parse(expression), ExpressionSyntaxException.class);
        assertThat(error).as("parse error for %s", expression).isNotNull();
        assertThat(error.position()).isEqualTo(position);
        assertThat(error.reason()).startsWith(reason);
        assertThat(error.getMessage()).contains(" at column " + position);
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> Expression.parse(""))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessage("expression is empty at column 1");
    }

    @Test
    void expressionsLongerThanTenThousandCharactersAreRefusedAtTheLimit() {
        String longest = "Append([a], \"" + "x".repeat(10_000 - 15) + "\")";
        assertThat(longest).hasSize(10_000);
        assertThat(Expression.parse(longest).text()).isEqualTo(longest);

        String tooLong = "Append([a], \"" + "x".repeat(10_000 - 14) + "\")";
        ExpressionSyntaxException error = catchThrowableOfType(() -> Expression.parse(tooLong), ExpressionSyntaxException.class);
        assertThat(error.position()).isEqualTo(10_001);
        assertThat(error.reason()).isEqualTo("expression is 10001 characters long; Entra allows at most 10000");
    }

    @Test
    void errorsInMultiLineExpressionsNameLineAndColumn() {
        String expression = "Switch([Active], ,\n  \"1\", Jion([a]),\n  \"0\", \"False\")";
        ExpressionSyntaxException error = catchThrowableOfType(() -> Expression.parse(expression), ExpressionSyntaxException.class);
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(8);
        assertThat(error.getMessage()).isEqualTo("unknown function 'Jion' at line 2, column 8");
    }
}
