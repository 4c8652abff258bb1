package io.tenantsync.core.mapping.expression;

/**
 * An expression that can't be used: bad syntax, an unknown function, a wrong number of arguments, an invalid literal
 * regex or interval. Carries the 1-based position in the expression text and a reason a person can act on.
 */
public final class ExpressionSyntaxException extends IllegalArgumentException {

    private final int position;
    private final int line;
    private final int column;
    private final String reason;

    private ExpressionSyntaxException(String message, int position, int line, int column, String reason) {
        super(message);
        this.position = position;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** An error at the 0-based {@code offset} of {@code text}. */
    static ExpressionSyntaxException at(String text, int offset, String reason) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < clamped; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        // one-line expressions (nearly all) read better with the column alone
        String where = line == 1 && text.indexOf('\n') < 0 ? "column " + column : "line " + line + ", column " + column;
        return new ExpressionSyntaxException(reason + " at " + where, offset + 1, line, column, reason);
    }

    /** 1-based character offset in the whole expression text. */
    public int position() {
        return position;
    }

    /** 1-based line (expressions may span lines). */
    public int line() {
        return line;
    }

    /** 1-based column within {@link #line()}; equals {@link #position()} for one-line expressions. */
    public int column() {
        return column;
    }

    /** The reason without the position, e.g. {@code unknown function 'Jion'}. */
    public String reason() {
        return reason;
    }
}
