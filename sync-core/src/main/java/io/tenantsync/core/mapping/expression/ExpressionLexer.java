package io.tenantsync.core.mapping.expression;

/**
 * Splits expression text into tokens: names, {@code [attributes]}, {@code "strings"} with backslash escapes,
 * integers (optionally negative), VB hex literals ({@code &HF7}), parentheses, commas and comparison operators.
 * White space, newlines included, separates tokens and is otherwise ignored.
 */
final class ExpressionLexer {

    private final String text;
    private int offset;
    private Token peeked;

    ExpressionLexer(String text) {
        this.text = text;
    }

    Token peek() {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    Token next() {
        Token token = peek();
        peeked = null;
        return token;
    }

    private Token scan() {
        while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
            offset++;
        }
        int start = offset;
        if (offset >= text.length()) {
            return new Token(Token.Kind.END, "", 0, start);
        }
        char c = text.charAt(offset);
        switch (c) {
            case '(':
                offset++;
                return new Token(Token.Kind.LEFT_PAREN, "(", 0, start);
            case ')':
                offset++;
                return new Token(Token.Kind.RIGHT_PAREN, ")", 0, start);
            case ',':
                offset++;
                return new Token(Token.Kind.COMMA, ",", 0, start);
            case '"':
                return string(start);
            case '[':
                return attribute(start);
            case '&':
                return hex(start);
            case '=':
                offset++;
                return new Token(Token.Kind.OPERATOR, "=", 0, start);
            case '<':
            case '>':
                return operator(start, c);
            default:
                break;
        }
        if (c == '-' || isDigit(c)) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (offset < text.length() && (Character.isLetterOrDigit(text.charAt(offset)) || text.charAt(offset) == '_')) {
                offset++;
            }
            return new Token(Token.Kind.NAME, text.substring(start, offset), 0, start);
        }
        throw ExpressionSyntaxException.at(text, start, "unexpected character '" + c + "'");
    }

    private Token operator(int start, char first) {
        offset++;
        if (offset < text.length()) {
            char second = text.charAt(offset);
            if (second == '=' || (first == '<' && second == '>')) {
                offset++;
                return new Token(Token.Kind.OPERATOR, text.substring(start, offset), 0, start);
            }
        }
        return new Token(Token.Kind.OPERATOR, String.valueOf(first), 0, start);
    }

    /** Backslash escapes a quote or a backslash; before any other character it is kept, so "\d" means \d. */
    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        offset++;
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '"') {
                offset++;
                return new Token(Token.Kind.STRING, value.toString(), 0, start);
            }
            if (c == '\\' && offset + 1 < text.length()
                    && (text.charAt(offset + 1) == '"' || text.charAt(offset + 1) == '\\')) {
                value.append(text.charAt(offset + 1));
                offset += 2;
                continue;
            }
            value.append(c);
            offset++;
        }
        throw ExpressionSyntaxException.at(text, start, "string is not closed: missing '\"'");
    }

    private Token attribute(int start) {
        int close = offset + 1;
        while (close < text.length()) {
            char c = text.charAt(close);
            if (c == ']') {
                break;
            }
            if (c == '[' || c == '"' || c == '\n' || c == '\r') {
                throw ExpressionSyntaxException.at(text, close,
                        "attribute name contains '" + (c == '\n' || c == '\r' ? "a line break" : c) + "'");
            }
            close++;
        }
        if (close >= text.length()) {
            throw ExpressionSyntaxException.at(text, start, "attribute reference is not closed: missing ']'");
        }
        String name = text.substring(offset + 1, close);
        if (name.isBlank()) {
            throw ExpressionSyntaxException.at(text, start, "attribute name is empty");
        }
        if (!name.strip().equals(name)) {
            throw ExpressionSyntaxException.at(text, start, "attribute name [" + name + "] has spaces around it");
        }
        offset = close + 1;
        return new Token(Token.Kind.ATTRIBUTE, name, 0, start);
    }

    private Token hex(int start) {
        offset++;
        if (offset >= text.length() || (text.charAt(offset) != 'H' && text.charAt(offset) != 'h')) {
            throw ExpressionSyntaxException.at(text, start,
                    "'&' is only valid in a hex literal like &HF7 (string concatenation with & is Cloud Sync only; use Join)");
        }
        offset++;
        int digitsStart = offset;
        long value = 0;
        while (offset < text.length() && Character.digit(text.charAt(offset), 16) >= 0) {
            if (offset - digitsStart >= 15) {
                throw ExpressionSyntaxException.at(text, start, "hex literal is too large");
            }
            value = value * 16 + Character.digit(text.charAt(offset), 16);
            offset++;
        }
        if (offset == digitsStart) {
            throw ExpressionSyntaxException.at(text, start, "hex literal needs digits after &H");
        }
        if (offset < text.length() && (Character.isLetterOrDigit(text.charAt(offset)) || text.charAt(offset) == '_')) {
            throw ExpressionSyntaxException.at(text, offset, "'" + text.charAt(offset) + "' is not a hex digit");
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, offset), value, start);
    }

    private Token number(int start) {
        boolean negative = text.charAt(offset) == '-';
        if (negative) {
            offset++;
            if (offset >= text.length() || !isDigit(text.charAt(offset))) {
                throw ExpressionSyntaxException.at(text, start, "'-' must be followed by digits");
            }
        }
        // accumulate negatively so that Long.MIN_VALUE fits
        long value = 0;
        while (offset < text.length() && isDigit(text.charAt(offset))) {
            int digit = text.charAt(offset) - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw ExpressionSyntaxException.at(text, start, "number is out of range");
            }
            value = value * 10 - digit;
            offset++;
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw ExpressionSyntaxException.at(text, start, "number is out of range");
        }
        if (offset < text.length() && (Character.isLetter(text.charAt(offset)) || text.charAt(offset) == '_'
                || text.charAt(offset) == '.')) {
            throw ExpressionSyntaxException.at(text, offset,
                    "unexpected '" + text.charAt(offset) + "' in a number (only integers are allowed)");
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, offset), negative ? value : -value, start);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
