package io.tenantsync.emulator.odata;

/**
 * A read position over the text of one query option, and the syntax errors that point into it. Shared by the
 * {@code $filter}, {@code $orderby} and {@code $select} parsers so their messages read alike.
 */
final class QueryCursor {
    private final String text;
    private int position;

    QueryCursor(String option, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new ODataSyntaxException("The " + option + " value is " + text.length()
                    + " characters long; the limit is " + maxLength + ".", maxLength);
        }
        this.text = text;
    }

    int position() { return position; }

    void reset(int to) { position = to; }

    boolean atEnd() { return position >= text.length(); }

    /** The current character, or NUL at the end (NUL is never valid anywhere, so callers need no end check). */
    char peek() { return atEnd() ? '\0' : text.charAt(position); }

    void advance() { position++; }

    void skipWhitespace() {
        while (!atEnd() && isWhitespace(text.charAt(position))) position++;
    }

    boolean atWhitespace() { return !atEnd() && isWhitespace(text.charAt(position)); }

    /** The next non-whitespace character without moving, or NUL at the end. */
    char peekPastWhitespace() {
        int at = position;
        while (at < text.length() && isWhitespace(text.charAt(at))) at++;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    /** Consumes {@code expected} (after whitespace) or fails naming {@code what} was expected instead. */
    void expect(char expected, String what) {
        skipWhitespace();
        if (peek() != expected || atEnd()) throw error(what);
        position++;
    }

    /** An OData identifier ({@code [A-Za-z_][A-Za-z0-9_]*}) at the position, or "" when there is none. */
    String readIdentifier() {
        int start = position;
        if (!atEnd() && isIdentifierStart(text.charAt(position))) {
            position++;
            while (!atEnd() && isIdentifierPart(text.charAt(position))) position++;
        }
        return text.substring(start, position);
    }

    /** The run of characters an unquoted literal may contain: GUIDs, numbers, datetimes and keywords. */
    String readBareLiteral() {
        int start = position;
        while (!atEnd() && isBareLiteralPart(text.charAt(position))) position++;
        return text.substring(start, position);
    }

    String substring(int from, int to) { return text.substring(from, to); }

    /** The character at the position is not valid there; {@code expected} says what would have been. */
    ODataSyntaxException error(String expected) {
        if (atEnd()) {
            return new ODataSyntaxException("Syntax error: unexpected end of input at position " + position + " in '"
                    + text + "'. Expected " + expected + ".", position);
        }
        return new ODataSyntaxException("Syntax error: character '" + printable(text.charAt(position))
                + "' is not valid at position " + position + " in '" + text + "'. Expected " + expected + ".", position);
    }

    /** A whole word is not valid at {@code at}. */
    ODataSyntaxException wordError(int at, String word, String expected) {
        return new ODataSyntaxException("Syntax error: '" + word + "' is not valid at position " + at + " in '" + text
                + "'. Expected " + expected + ".", at);
    }

    /** A problem that is not about an unexpected character, e.g. an unterminated string. */
    ODataSyntaxException problem(int at, String description) {
        return new ODataSyntaxException("Syntax error: " + description + " at position " + at + " in '" + text + "'.", at);
    }

    private static boolean isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

    private static boolean isIdentifierStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

    private static boolean isIdentifierPart(char c) { return isIdentifierStart(c) || (c >= '0' && c <= '9'); }

    private static boolean isBareLiteralPart(char c) {
        return isIdentifierPart(c) || c == '-' || c == '+' || c == ':' || c == '.';
    }

    // control characters and lone surrogates would make the message unreadable or unencodable
    private static String printable(char c) {
        return c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
