package io.tenantsync.core.mapping.expression;

import java.util.regex.Pattern;

/**
 * Entra's regexes are .NET's. Java reads the constructs mapping examples use ({@code (?<name>…)}, {@code \d},
 * classes, anchors, lazy quantifiers) the same way; what differs is the replacement syntax, translated here.
 */
final class DotNetRegex {

    private DotNetRegex() {
    }

    /** Compiles a .NET pattern; throws {@link java.util.regex.PatternSyntaxException} when Java can't read it. */
    static Pattern compile(String pattern) {
        return Pattern.compile(pattern);
    }

    /**
     * A .NET replacement string in Java's syntax: {@code ${name}} and {@code $1} stay, {@code $$} is a dollar,
     * {@code $&} the whole match, and backslashes are literal (they escape nothing in .NET).
     */
    static String replacement(String dotNet) {
        StringBuilder java = new StringBuilder(dotNet.length() + 8);
        for (int i = 0; i < dotNet.length(); i++) {
            char c = dotNet.charAt(i);
            if (c == '\\') {
                java.append("\\\\");
            } else if (c == '$') {
                char next = i + 1 < dotNet.length() ? dotNet.charAt(i + 1) : '\0';
                int close = next == '{' ? dotNet.indexOf('}', i + 2) : -1;
                if (next == '$') {
                    java.append("\\$");
                    i++;
                } else if (next == '&') {
                    java.append("$0");
                    i++;
                } else if (next >= '0' && next <= '9') {
                    java.append('$');
                } else if (close > i + 2 && validGroupName(dotNet.substring(i + 2, close))) {
                    java.append(dotNet, i, close + 1);
                    i = close;
                } else {
                    java.append("\\$");
                }
            } else {
                java.append(c);
            }
        }
        return java.toString();
    }

    private static boolean validGroupName(String name) {
        if (!Character.isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isLetterOrDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
