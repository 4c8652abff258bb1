package io.tenantsync.emulator.odata;

import io.tenantsync.emulator.odata.FilterExpr.ComparisonOperator;
import io.tenantsync.emulator.odata.FilterExpr.LambdaOperator;
import io.tenantsync.emulator.odata.FilterExpr.StringFunction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses a Graph {@code $filter} into a {@link FilterExpr}: comparisons, {@code in}, {@code startsWith} /
 * {@code endsWith} / {@code contains}, {@code tolower}, {@code any} / {@code all} lambdas, {@code $count}, and
 * {@code not} > {@code and} > {@code or}. Every malformed input ends in {@link ODataSyntaxException}; length and
 * nesting are bounded so hostile input cannot exhaust the stack.
 */
public final class ODataFilterParser {
    public static final int MAX_LENGTH = 4096;
    public static final int MAX_DEPTH = 64;

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String OPERATORS = "a comparison operator (eq, ne, gt, ge, lt, le) or 'in'";
    private static final String LITERALS = "a literal (a quoted string, true, false, null, an integer, a GUID or a datetime)";

    private final QueryCursor in;
    private final Deque<String> rangeVariables = new ArrayDeque<>();
    private int depth;

    private ODataFilterParser(QueryCursor in) { this.in = in; }

    /** Parses {@code filter}; throws {@link ODataSyntaxException} and nothing else for any text. */
    public static FilterExpr parse(String filter) {
        Objects.requireNonNull(filter, "filter");
        return new ODataFilterParser(new QueryCursor("$filter", filter, MAX_LENGTH)).filter();
    }

    private FilterExpr filter() {
        in.skipWhitespace();
        if (in.atEnd()) throw in.error("a filter expression");
        FilterExpr expression = or();
        in.skipWhitespace();
        if (!in.atEnd()) throw in.error("'and', 'or' or the end of the filter");
        return expression;
    }

    private FilterExpr or() {
        FilterExpr left = and();
        while (keyword("or")) left = new FilterExpr.Or(left, and());
        return left;
    }

    private FilterExpr and() {
        FilterExpr left = unary();
        while (keyword("and")) left = new FilterExpr.And(left, unary());
        return left;
    }

    private FilterExpr unary() {
        enter();
        try {
            in.skipWhitespace();
            int start = in.position();
            String word = in.readIdentifier();
            // "not" is the operator only when a separator follows; "notes eq 'x'" reads a property
            if (word.equalsIgnoreCase("not") && (in.atWhitespace() || in.peek() == '(')) {
                return new FilterExpr.Not(unary());
            }
            in.reset(start);
            return primary();
        } finally {
            depth--;
        }
    }

    private FilterExpr primary() {
        if (in.peek() == '(') {
            in.advance();
            FilterExpr inner = or();
            in.expect(')', "')', 'and' or 'or'");
            return inner;
        }
        int start = in.position();
        String word = in.readIdentifier();
        if (word.isEmpty()) throw in.error("a property, a function call, 'not' or '('");
        if (in.peekPastWhitespace() == '(') {
            if (word.equalsIgnoreCase("tolower")) {
                in.reset(start);
                return comparisonAfter(operand());
            }
            Optional<StringFunction> function = StringFunction.fromName(word);
            if (function.isEmpty()) throw in.wordError(start, word, "a property or one of startsWith, endsWith, contains, tolower");
            in.expect('(', "'('");
            return booleanComparisonAfter(stringMatch(function.get()));
        }
        return member(word);
    }

    /** A path starting with {@code first}, which may end in a lambda or {@code $count}, or is compared. */
    private FilterExpr member(String first) {
        List<String> segments = new ArrayList<>();
        segments.add(first);
        while (in.peek() == '/') {
            in.advance();
            if (in.peek() == '$') {
                int at = in.position();
                in.advance();
                String word = in.readIdentifier();
                if (!word.equalsIgnoreCase("count")) throw in.wordError(at, "$" + word, "'$count' or a property name");
                return count(operandFor(segments));
            }
            int at = in.position();
            String segment = in.readIdentifier();
            if (segment.isEmpty()) throw in.error("a property name after '/'");
            if (in.peekPastWhitespace() == '(') {
                if (segment.equalsIgnoreCase("any")) return lambda(operandFor(segments), LambdaOperator.ANY);
                if (segment.equalsIgnoreCase("all")) return lambda(operandFor(segments), LambdaOperator.ALL);
                throw in.wordError(at, segment, "'any', 'all' or a property name");
            }
            segments.add(segment);
        }
        return comparisonAfter(operandFor(segments));
    }

    /** A property path or {@code tolower(...)} of one, as functions and comparisons take them. */
    private Operand operand() {
        enter();
        try {
            in.skipWhitespace();
            int start = in.position();
            String word = in.readIdentifier();
            if (word.isEmpty()) throw in.error("a property");
            if (word.equalsIgnoreCase("tolower") && in.peekPastWhitespace() == '(') {
                in.expect('(', "'('");
                Operand inner = operand();
                in.expect(')', "')'");
                return new Operand.ToLower(inner);
            }
            if (in.peekPastWhitespace() == '(') throw in.wordError(start, word, "a property or tolower");
            List<String> segments = new ArrayList<>();
            segments.add(word);
            while (in.peek() == '/') {
                in.advance();
                String segment = in.readIdentifier();
                if (segment.isEmpty()) throw in.error("a property name after '/'");
                segments.add(segment);
            }
            return operandFor(segments);
        } finally {
            depth--;
        }
    }

    private Operand operandFor(List<String> segments) {
        if (rangeVariables.contains(segments.get(0))) {
            return new Operand.RangeVariable(segments.get(0), segments.subList(1, segments.size()));
        }
        return new Operand.Property(segments);
    }

    private FilterExpr comparisonAfter(Operand subject) {
        in.skipWhitespace();
        int at = in.position();
        String word = in.readIdentifier();
        if (word.isEmpty()) throw in.error(OPERATORS);
        if (word.equalsIgnoreCase("in")) return new FilterExpr.In(subject, literalList());
        ComparisonOperator operator = ComparisonOperator.fromKeyword(word)
                .orElseThrow(() -> in.wordError(at, word, OPERATORS));
        return new FilterExpr.Comparison(subject, operator, literal());
    }

    private List<Literal> literalList() {
        in.expect('(', "'(' starting the list of values");
        List<Literal> values = new ArrayList<>();
        do {
            values.add(literal());
            in.skipWhitespace();
        } while (consume(','));
        in.expect(')', "',' or ')'");
        return values;
    }

    private FilterExpr stringMatch(StringFunction function) {
        Operand subject = operand();
        in.expect(',', "','");
        in.skipWhitespace();
        int at = in.position();
        Literal argument = literal();
        if (!(argument instanceof Literal.StringValue text)) throw in.wordError(at, in.substring(at, in.position()), "a string literal");
        in.expect(')', "')'");
        return new FilterExpr.StringMatch(function, subject, text.value());
    }

    /** {@code startsWith(a,'b') eq true} is valid OData; fold the comparison into the predicate. */
    private FilterExpr booleanComparisonAfter(FilterExpr predicate) {
        int mark = in.position();
        in.skipWhitespace();
        String word = in.readIdentifier();
        Optional<ComparisonOperator> operator = ComparisonOperator.fromKeyword(word)
                .filter(op -> op == ComparisonOperator.EQ || op == ComparisonOperator.NE);
        if (operator.isEmpty()) {
            in.reset(mark);
            return predicate;
        }
        in.skipWhitespace();
        int at = in.position();
        Literal value = literal();
        if (!(value instanceof Literal.BooleanValue bool)) throw in.wordError(at, in.substring(at, in.position()), "true or false");
        boolean keeps = (operator.get() == ComparisonOperator.EQ) == bool.value();
        return keeps ? predicate : new FilterExpr.Not(predicate);
    }

    private FilterExpr lambda(Operand collection, LambdaOperator operator) {
        enter();
        try {
            in.expect('(', "'('");
            in.skipWhitespace();
            String variable = in.readIdentifier();
            if (variable.isEmpty()) throw in.error("a range variable name");
            in.expect(':', "':' after the range variable");
            rangeVariables.push(variable);
            FilterExpr body;
            try {
                body = or();
            } finally {
                rangeVariables.pop();
            }
            in.expect(')', "')', 'and' or 'or'");
            return new FilterExpr.Lambda(collection, operator, variable, body);
        } finally {
            depth--;
        }
    }

    private FilterExpr count(Operand collection) {
        in.skipWhitespace();
        int at = in.position();
        String word = in.readIdentifier();
        if (word.isEmpty()) throw in.error("a comparison operator (eq, ne, gt, ge, lt, le)");
        ComparisonOperator operator = ComparisonOperator.fromKeyword(word)
                .orElseThrow(() -> in.wordError(at, word, "a comparison operator (eq, ne, gt, ge, lt, le)"));
        in.skipWhitespace();
        int valueAt = in.position();
        Literal value = literal();
        if (!(value instanceof Literal.IntegerValue number) || number.value() < 0) {
            throw in.wordError(valueAt, in.substring(valueAt, in.position()), "a non-negative integer");
        }
        return new FilterExpr.CountComparison(collection, operator, number.value());
    }

    private Literal literal() {
        in.skipWhitespace();
        int start = in.position();
        if (in.peek() == '\'' && !in.atEnd()) return new Literal.StringValue(quoted());
        String word = in.readBareLiteral();
        if (word.isEmpty()) throw in.error(LITERALS);
        switch (word.toLowerCase(Locale.ROOT)) {
            case "true": return new Literal.BooleanValue(true);
            case "false": return new Literal.BooleanValue(false);
            case "null": return new Literal.NullValue();
            default: break;
        }
        if (INTEGER.matcher(word).matches()) {
            try {
                return new Literal.IntegerValue(Long.parseLong(word));
            } catch (NumberFormatException e) {
                throw in.problem(start, "integer literal '" + word + "' is out of range");
            }
        }
        if (GUID.matcher(word).matches()) return new Literal.StringValue(word);
        Optional<Instant> instant = Literal.DateTimeValue.parseInstant(word);
        if (instant.isPresent()) return new Literal.DateTimeValue(instant.get());
        throw in.wordError(start, word, LITERALS);
    }

    /** A single-quoted string in which {@code ''} stands for one quote. */
    private String quoted() {
        int start = in.position();
        in.advance();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (in.atEnd()) throw in.problem(start, "unterminated string literal starting");
            char c = in.peek();
            in.advance();
            if (c == '\'') {
                if (in.peek() != '\'' || in.atEnd()) return value.toString();
                in.advance();
            }
            value.append(c);
        }
    }

    private boolean keyword(String keyword) {
        int mark = in.position();
        in.skipWhitespace();
        if (in.readIdentifier().equalsIgnoreCase(keyword)) return true;
        in.reset(mark);
        return false;
    }

    private boolean consume(char c) {
        if (in.peek() != c || in.atEnd()) return false;
        in.advance();
        return true;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            depth--;
            throw in.problem(in.position(), "the filter nests deeper than " + MAX_DEPTH + " levels");
        }
    }
}
