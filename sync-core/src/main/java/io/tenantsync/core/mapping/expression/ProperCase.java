package io.tenantsync.core.mapping.expression;

/**
 * PCase: the first letter of each word upper (title) case, the rest lower case, in the invariant culture.
 */
final class ProperCase {

    private ProperCase() {
    }

    /** Words split where {@code separators} has a character, or at .NET ToTitleCase's separator categories when null. */
    static String apply(String text, String separators) {
        StringBuilder out = new StringBuilder(text.length());
        boolean wordStart = true;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            boolean separator = separators == null ? isDefaultSeparator(codePoint) : separators.indexOf(codePoint) >= 0;
            if (separator) {
                out.appendCodePoint(codePoint);
                wordStart = true;
            } else {
                out.appendCodePoint(wordStart ? Character.toTitleCase(codePoint) : Character.toLowerCase(codePoint));
                wordStart = false;
            }
        }
        return out.toString();
    }

    private static boolean isDefaultSeparator(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL,
                    Character.FORMAT, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
