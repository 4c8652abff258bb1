package io.tenantsync.core.mapping.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Parses expression text into a {@link Node} tree and validates it on the way: function names, argument counts,
 * arguments that may not be left empty, Switch pairs, Replace modes, literal regexes, date intervals, date formats
 * and RandomString limits, and functions that must enclose the whole expression. Every problem is an
 * {@link ExpressionSyntaxException} with the position and a reason.
 */
final class ExpressionParser {

    /** Entra's limit on a mapping expression's length. */
    static final int MAX_LENGTH = 10_000;

    private final String text;
    private final ExpressionLexer lexer;
    private final List<AttributeReference> references = new ArrayList<>();

    /** The tree and the attribute references with their positions. */
    record Parsed(Node root, List<AttributeReference> references) {
    }

    private ExpressionParser(String text) {
        this.text = text;
        this.lexer = new ExpressionLexer(text);
    }

    static Parsed parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw ExpressionSyntaxException.at(text, MAX_LENGTH, "expression is " + text.length()
                    + " characters long; Entra allows at most " + MAX_LENGTH);
        }
        ExpressionParser parser = new ExpressionParser(text);
        Token first = parser.lexer.peek();
        if (first.kind() == Token.Kind.END) {
            throw ExpressionSyntaxException.at(text, first.start(), "expression is empty");
        }
        Node root = parser.expression(0);
        Token after = parser.lexer.next();
        if (after.kind() == Token.Kind.OPERATOR) {
            throw ExpressionSyntaxException.at(text, after.start(),
                    "a comparison can only be a function argument, as in IIF([a]=\"x\", …) or CBool([a]=[b])");
        }
        if (after.kind() != Token.Kind.END) {
            throw ExpressionSyntaxException.at(text, after.start(),
                    "unexpected " + after.describe() + " after the end of the expression");
        }
        return new Parsed(root, List.copyOf(parser.references));
    }

    private Node expression(int depth) {
        Token token = lexer.next();
        return switch (token.kind()) {
            case STRING -> new Node.StringLiteral(token.text());
            case NUMBER -> new Node.NumberLiteral(token.number());
            case ATTRIBUTE -> {
                references.add(new AttributeReference(token.text(), token.start() + 1));
                yield new Node.AttributeRef(token.text());
            }
            case NAME -> lexer.peek().kind() == Token.Kind.LEFT_PAREN ? call(token, depth) : keyword(token);
            default -> throw ExpressionSyntaxException.at(text, token.start(),
                    "expected a function, an [attribute], a \"string\" or a number but found " + token.describe());
        };
    }

    private Node keyword(Token name) {
        VbConstant constant = VbConstant.named(name.text());
        if (constant == null) {
            throw ExpressionSyntaxException.at(text, name.start(), "unknown name '" + name.text()
                    + "' (a function call needs parentheses; the only bare constants are vbBinaryCompare and vbTextCompare)");
        }
        return new Node.Keyword(constant);
    }

    private Node call(Token name, int depth) {
        Function function = Function.named(name.text());
        if (function == null) {
            String hint = Function.isCloudSyncOnly(name.text())
                    ? " (it exists only in Cloud Sync expressions, not in provisioning mappings)" : "";
            throw ExpressionSyntaxException.at(text, name.start(), "unknown function '" + name.text() + "'" + hint);
        }
        if (depth > 0 && (function == Function.IGNORE_FLOW_IF_NULL_OR_EMPTY || function == Function.SELECT_UNIQUE_VALUE)) {
            throw ExpressionSyntaxException.at(text, name.start(),
                    function.displayName() + " must enclose the whole expression, not be nested in another function");
        }
        lexer.next(); // (
        List<Node> arguments = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        if (lexer.peek().kind() == Token.Kind.RIGHT_PAREN) {
            lexer.next();
        } else {
            while (true) {
                positions.add(lexer.peek().start());
                arguments.add(argument(function, arguments.size(), depth + 1));
                Token separator = lexer.next();
                if (separator.kind() == Token.Kind.RIGHT_PAREN) {
                    break;
                }
                if (separator.kind() == Token.Kind.END) {
                    throw ExpressionSyntaxException.at(text, separator.start(), "expected ')' to close "
                            + function.displayName() + "( opened at column " + (name.start() + 1) + ", found the end of the expression");
                }
                if (separator.kind() != Token.Kind.COMMA) {
                    throw ExpressionSyntaxException.at(text, separator.start(), "expected ',' or ')' after argument "
                            + arguments.size() + " of " + function.displayName() + " but found " + separator.describe());
                }
            }
        }
        CallValidation.check(text, function, arguments, positions, name.start());
        return new Node.Call(function, arguments);
    }

    private Node argument(Function function, int index, int depth) {
        Token next = lexer.peek();
        if (next.kind() == Token.Kind.COMMA || next.kind() == Token.Kind.RIGHT_PAREN) {
            return new Node.Omitted();
        }
        Node left = expression(depth);
        Token operator = lexer.peek();
        if (operator.kind() != Token.Kind.OPERATOR) {
            return left;
        }
        lexer.next();
        Token rightStart = lexer.peek();
        if (rightStart.kind() == Token.Kind.COMMA || rightStart.kind() == Token.Kind.RIGHT_PAREN
                || rightStart.kind() == Token.Kind.END || rightStart.kind() == Token.Kind.OPERATOR) {
            throw ExpressionSyntaxException.at(text, rightStart.start(), "expected a value after '" + operator.text()
                    + "' in argument " + (index + 1) + " of " + function.displayName());
        }
        Node right = expression(depth);
        if (lexer.peek().kind() == Token.Kind.OPERATOR) {
            throw ExpressionSyntaxException.at(text, lexer.peek().start(),
                    "only one comparison per argument (there is no AND/OR; nest IIF instead)");
        }
        return new Node.Comparison(left, operatorFor(operator.text()), right);
    }

    private static ComparisonOperator operatorFor(String symbol) {
        for (ComparisonOperator operator : ComparisonOperator.values()) {
            if (operator.symbol().equals(symbol)) {
                return operator;
            }
        }
        throw new IllegalStateException("lexer produced operator " + symbol);
    }

    /** Per-call checks that need the arguments' positions. */
    private static final class CallValidation {

        private CallValidation() {
        }

        static void check(String text, Function function, List<Node> arguments, List<Integer> positions, int callStart) {
            int count = arguments.size();
            if (count < function.minArguments() || count > function.maxArguments()) {
                throw ExpressionSyntaxException.at(text, callStart,
                        function.displayName() + " " + function.arityText() + ", got " + count);
            }
            for (int i = 0; i < count; i++) {
                if (arguments.get(i) instanceof Node.Omitted && !function.mayOmit(i, count)) {
                    throw ExpressionSyntaxException.at(text, positions.get(i), "argument " + (i + 1) + " of "
                            + function.displayName() + " (" + function.parameterName(i, count) + ") can't be left empty");
                }
            }
            switch (function) {
                case SWITCH -> {
                    if (count % 2 != 0) {
                        throw ExpressionSyntaxException.at(text, callStart, "Switch needs its keys and values in pairs "
                                + "after source and defaultValue, got " + (count - 2) + " arguments for them");
                    }
                }
                case REPLACE -> replace(text, arguments, positions, callStart);
                case DATE_ADD, DATE_DIFF -> {
                    if (arguments.get(0) instanceof Node.StringLiteral interval && DateInterval.of(interval.value()) == null) {
                        throw ExpressionSyntaxException.at(text, positions.get(0), "unknown interval \"" + interval.value()
                                + "\" for " + function.displayName() + " (use yyyy, m, d, ww, h, n or s)");
                    }
                }
                case FORMAT_DATE_TIME -> {
                    for (int i = count - 2; i < count; i++) {
                        if (arguments.get(i) instanceof Node.StringLiteral format) {
                            String problem = DotNetDateFormat.problemWith(format.value());
                            if (problem != null) {
                                throw ExpressionSyntaxException.at(text, positions.get(i), problem);
                            }
                        }
                    }
                }
                case RANDOM_STRING -> randomString(text, arguments, callStart);
                default -> {
                }
            }
        }

        private static void replace(String text, List<Node> arguments, List<Integer> positions, int callStart) {
            boolean oldValue = supplied(arguments, 1);
            boolean regex = supplied(arguments, 2);
            boolean group = supplied(arguments, 3);
            boolean replacement = supplied(arguments, 4);
            boolean replacementAttribute = supplied(arguments, 5);
            boolean template = supplied(arguments, 6);
            boolean valid = oldValue ? replacement || template : regex && (replacement || group && replacementAttribute);
            if (!valid) {
                throw ExpressionSyntaxException.at(text, callStart, "Replace needs oldValue with replacementValue or "
                        + "template, or regexPattern with replacementValue, or regexPattern with regexGroupName and "
                        + "replacementAttributeName");
            }
            if (!oldValue && arguments.get(2) instanceof Node.StringLiteral pattern) {
                try {
                    DotNetRegex.compile(pattern.value());
                } catch (PatternSyntaxException e) {
                    throw ExpressionSyntaxException.at(text, positions.get(2),
                            "invalid regexPattern: " + e.getDescription() + " near index " + e.getIndex());
                }
            }
        }

        private static void randomString(String text, List<Node> arguments, int callStart) {
            long sum = 0;
            for (int i = 1; i <= 4; i++) {
                if (!(arguments.get(i) instanceof Node.NumberLiteral minimum)) {
                    return; // computed minimums are checked when evaluated
                }
                if (minimum.value() < 0) {
                    throw ExpressionSyntaxException.at(text, callStart, "RandomString minimums can't be negative");
                }
                sum += minimum.value();
            }
            if (arguments.get(0) instanceof Node.NumberLiteral length
                    && (length.value() > RandomStringRule.MAX_LENGTH || length.value() < sum || length.value() < 1)) {
                throw ExpressionSyntaxException.at(text, callStart, "RandomString length must be between the sum of the "
                        + "minimums (" + sum + ") and " + RandomStringRule.MAX_LENGTH + ", got " + length.value());
            }
        }

        private static boolean supplied(List<Node> arguments, int index) {
            return index < arguments.size() && !(arguments.get(index) instanceof Node.Omitted);
        }
    }
}
