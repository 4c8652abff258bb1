package io.tenantsync.emulator.invitations;

import java.util.Locale;

/**
 * The user principal name of an invited (B2B) user: the invited address with its {@code @} replaced by {@code _},
 * then {@code #EXT#@} and the inviting tenant's initial domain ({@code alias_domain.com#EXT#@fabrikam.onmicrosoft.com},
 * entra-semantics §4.5). Characters a UPN local part may not hold become {@code _}. Entra does not document how it
 * resolves a clash of two such prefixes; the emulator appends 1, 2, … before {@code #EXT#}.
 */
public final class ExternalUpn {
    private static final String MARKER = "#EXT#";
    /** Longest UPN local part the directory accepts. */
    private static final int MAX_LOCAL = 113;

    private ExternalUpn() {}

    /** The prefix for an invited address: {@code alias_domain.com} with disallowed characters replaced. */
    public static String prefix(String email) {
        int at = email.lastIndexOf('@');
        String joined = email.substring(0, at) + "_" + email.substring(at + 1).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(joined.length());
        for (char ch : joined.toCharArray()) {
            boolean allowed = ch < 128 && (Character.isLetterOrDigit(ch) || "'.-_!^~".indexOf(ch) >= 0);
            out.append(allowed ? ch : '_');
        }
        return out.toString();
    }

    /** The UPN for a prefix; {@code attempt} 0 is the plain form, n > 0 adds the number n before {@code #EXT#}. */
    public static String upn(String prefix, int attempt, String initialDomain) {
        String suffix = attempt == 0 ? "" : Integer.toString(attempt);
        int room = MAX_LOCAL - MARKER.length() - suffix.length();
        String p = prefix.length() > room ? prefix.substring(0, room) : prefix;
        return p + suffix + MARKER + "@" + initialDomain;
    }

    /** The mail nickname of an invited user: the UPN's local part, cut to the 64 characters mailNickname allows. */
    public static String mailNickname(String upn) {
        String local = upn.substring(0, upn.lastIndexOf('@'));
        return local.length() > 64 ? local.substring(0, 64) : local;
    }
}
