package io.tenantsync.gateway.scim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entra queries uniqueness attributes as {@code emails[type eq "work"].value eq "x"}, which RFC 7644's filter grammar
 * does not allow (a sub-attribute after a value path is PATCH path syntax). It means
 * {@code emails[(type eq "work") and value eq "x"]}; this rewrites the one form to the other.
 */
final class ValuePathComparisons {
    private static final Pattern FORM = Pattern.compile(
            // matches start only where an attribute name starts, and names are consumed possessively, so a long
            // run of name characters costs one pass, not one pass per start position (a hostile filter made it O(n²))
            "(?i)(?<![\\w:.$-])([A-Za-z][\\w:.$-]*+)\\[([^\\[\\]]++)\\]\\.([A-Za-z$][\\w$]*+)"
                    + "(\\s+pr\\b|\\s+(?:eq|ne|co|sw|ew|gt|ge|lt|le)\\s+(?:\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s()\\[\\]]+))");

    private ValuePathComparisons() {
    }

    /** The filter with every {@code attr[f].sub op value} written as {@code attr[(f) and sub op value]}. */
    static String rewrite(String filter) {
        return FORM.matcher(filter).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + "[(" + m.group(2) + ") and " + m.group(3) + m.group(4) + "]"));
    }
}
