package io.tenantsync.core.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The userPrincipalName a B2B user gets in the target tenant: the source UPN (or mail) with its {@code @} replaced by
 * {@code _}, then {@code #EXT#@} and the target's initial domain — {@code user.upn@otherdomain.com} becomes
 * {@code user.upn_otherdomain.com#EXT#@contoso.onmicrosoft.com} (entra-semantics §4.5, C-CONF).
 *
 * <p>Limits, from Entra's UPN policy ("Password policies and account restrictions", concept-sspr-policy.md, "UserPrincipalName
 * policies that apply to all user accounts"): characters {@code A-Z a-z 0-9 ' . - _ ! # ^ ~}; at most 64 characters
 * before the {@code @}, 48 after, 113 in total; no {@code .} right before the {@code @}. graph.md §4.1 lists the same
 * characters for {@code POST /users}. The {@code #EXT#} marker counts toward the 64.
 *
 * <p>Where Microsoft documents nothing, this class decides, deterministically:
 * <ul>
 *   <li>Characters outside the allowed set: accents are dropped ({@code josé} → {@code jose}), anything else left
 *       becomes {@code _}.</li>
 *   <li>An address that is already external ({@code alias_theirdomain#EXT#@yourdomain}) keeps its prefix
 *       {@code alias_theirdomain}: Entra reports such a UPN as {@code alias@theirdomain} to provisioning (E-HOW),
 *       so the target sees {@code alias_theirdomain#EXT#@target}, never a doubled marker.</li>
 *   <li>A prefix too long for the 64-character limit is cut at its end.</li>
 *   <li>Collisions (Microsoft does not document its handling): the first candidate is the plain UPN; candidate
 *       {@code n ≥ 2} puts {@code _n} before {@code #EXT#} ({@code ada_contoso.com_2#EXT#@…}), cutting the prefix
 *       further when needed so the suffix is never lost. Collisions arise from manually invited guests holding the
 *       UPN (CTS does not match them), from cut prefixes, and from replaced characters.</li>
 * </ul>
 *
 * @param targetDomain the target tenant's initial ({@code *.onmicrosoft.com}) domain; entra-semantics §7.9 notes some
 *                     older tenants show their default custom domain instead, so any valid domain is accepted
 */
public record ExternalUpnFormat(String targetDomain) {

    /** The marker Entra puts between the external prefix and the target domain. */
    public static final String EXTERNAL_MARKER = "#EXT#";
    /** At most 64 characters before the {@code @} (Entra UPN policy). */
    public static final int MAX_LOCAL_PART = 64;
    /** At most 48 characters after the {@code @} (Entra UPN policy). */
    public static final int MAX_DOMAIN = 48;
    /** How many candidates {@link #firstAvailable} tries before giving up. */
    public static final int MAX_CANDIDATES = 100;

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    public ExternalUpnFormat {
        Objects.requireNonNull(targetDomain, "targetDomain");
        targetDomain = targetDomain.strip();
        if (targetDomain.length() > MAX_DOMAIN) {
            throw new IllegalArgumentException("target domain '" + targetDomain + "' is longer than " + MAX_DOMAIN
                    + " characters, the most a UPN allows after the @");
        }
        if (!DOMAIN.matcher(targetDomain).matches()) {
            throw new IllegalArgumentException("target domain '" + targetDomain + "' is not a domain name");
        }
    }

    /** The plain external UPN for a source UPN or mail, e.g. {@code ada_contoso.com#EXT#@fabrikam.onmicrosoft.com}. */
    public String format(String sourceAddress) {
        return format(sourceAddress, 1);
    }

    /**
     * Candidate number {@code ordinal} of the external UPN: 1 is the plain UPN, {@code n ≥ 2} carries {@code _n}
     * before {@code #EXT#}.
     */
    public String format(String sourceAddress, int ordinal) {
        if (ordinal < 1) {
            throw new IllegalArgumentException("candidates are numbered from 1, not " + ordinal);
        }
        String suffix = ordinal == 1 ? "" : "_" + ordinal;
        String prefix = externalPrefix(sourceAddress);
        int room = MAX_LOCAL_PART - EXTERNAL_MARKER.length() - suffix.length();
        if (prefix.length() > room) {
            prefix = prefix.substring(0, room);
        }
        return prefix + suffix + EXTERNAL_MARKER + "@" + targetDomain;
    }

    /**
     * The first candidate, in ordinal order, that is not taken; empty when all {@link #MAX_CANDIDATES}
     * are taken. UPNs are unique ignoring case in Entra, so {@code isTaken} should compare ignoring case.
     */
    public Optional<String> firstAvailable(String sourceAddress, Predicate<String> isTaken) {
        for (int ordinal = 1; ordinal <= MAX_CANDIDATES; ordinal++) {
            String candidate = format(sourceAddress, ordinal);
            if (!isTaken.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The part before {@code #EXT#}: the address with {@code @} as {@code _}, reduced to the characters a UPN allows,
     * not yet cut to length.
     */
    static String externalPrefix(String sourceAddress) {
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        String address = sourceAddress.strip();
        int marker = address.toUpperCase(Locale.ROOT).indexOf(EXTERNAL_MARKER);
        String prefix;
        if (marker >= 0) {
            prefix = address.substring(0, marker);
        } else if (address.indexOf('@') > 0 && address.lastIndexOf('@') < address.length() - 1) {
            prefix = address.replace('@', '_');
        } else {
            throw new IllegalArgumentException(
                    "'" + sourceAddress + "' is not an address: it needs a local part, an @ and a domain");
        }
        String withoutAccents = COMBINING_MARKS.matcher(Normalizer.normalize(prefix, Normalizer.Form.NFKD))
                .replaceAll("");
        StringBuilder allowed = new StringBuilder(withoutAccents.length());
        withoutAccents.codePoints().forEach(c -> allowed.append(isAllowed(c) ? (char) c : '_'));
        return allowed.toString();
    }

    private static boolean isAllowed(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "'.-_!#^~".indexOf(c) >= 0;
    }
}
