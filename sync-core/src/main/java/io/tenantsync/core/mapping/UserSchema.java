package io.tenantsync.core.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The user attributes mappings can name: their types, which of them can be written in the target, and why not
 * where they can't. Names are case-sensitive in expressions (Entra documents it for extension attributes), so a
 * name that differs from a known one only in case is refused with the right spelling. Directory extension
 * attributes ({@code extension_<appId>_<name>}) are accepted as untyped.
 */
public final class UserSchema {

    /** Why an attribute can't be a target; null when it can. */
    private record Entry(String name, AttributeType type, String notWritable) {
    }

    private static final UserSchema ENTRA_USER = new UserSchema(entraUserEntries());

    private final Map<String, Entry> entries;

    private UserSchema(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Entra ID user attributes as the CTS schema names them. */
    public static UserSchema entraUser() {
        return ENTRA_USER;
    }

    private static Map<String, Entry> entraUserEntries() {
        Map<String, Entry> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : new String[] {"ageGroup", "city", "companyName", "consentProvidedForMinor", "country",
                "department", "displayName", "employeeId", "employeeType", "facsimileTelephoneNumber", "givenName",
                "jobTitle", "mail", "mailNickname", "mobile", "mobilePhone", "officeLocation", "passwordPolicies",
                "physicalDeliveryOfficeName", "postalCode", "preferredDataLocation", "preferredLanguage", "state",
                "streetAddress", "surname", "telephoneNumber", "usageLocation", "userPrincipalName", "userType",
                // CTS's linking key; the mapped value is the source netId (see AltSecIdFromNetId)
                "alternativeSecurityIds"}) {
            entries.put(name, new Entry(name, AttributeType.STRING, null));
        }
        for (int i = 1; i <= 15; i++) {
            entries.put("extensionAttribute" + i, new Entry("extensionAttribute" + i, AttributeType.STRING, null));
        }
        for (String name : new String[] {"accountEnabled", "showInAddressList", "IsSoftDeleted"}) {
            entries.put(name, new Entry(name, AttributeType.BOOLEAN, null));
        }
        entries.put("businessPhones", new Entry("businessPhones", AttributeType.STRING_COLLECTION, null));
        entries.put("employeeHireDate", new Entry("employeeHireDate", AttributeType.DATE_TIME, null));
        entries.put("employeeLeaveDateTime", new Entry("employeeLeaveDateTime", AttributeType.DATE_TIME, null));
        entries.put("manager", new Entry("manager", AttributeType.REFERENCE, null));
        entries.put("proxyAddresses", new Entry("proxyAddresses", AttributeType.STRING_COLLECTION,
                "it is read-only in Microsoft Graph (use it as a source)"));
        entries.put("otherMails", new Entry("otherMails", AttributeType.STRING_COLLECTION,
                "the target computes it for B2B users"));
        for (String name : new String[] {"id", "objectId"}) {
            entries.put(name, new Entry(name, AttributeType.STRING, "it is the primary key"));
        }
        for (String name : new String[] {"netId", "appRoleAssignments", "creationType", "externalUserState",
                "createdDateTime", "onPremisesSecurityIdentifier", "onPremisesImmutableId"}) {
            entries.put(name, new Entry(name, AttributeType.STRING, "it is not writable by provisioning"));
        }
        return entries;
    }

    /** The type a value for {@code target} is written as. */
    public AttributeType typeOf(String target) {
        Entry entry = entries.get(target);
        return entry == null ? AttributeType.UNTYPED : entry.type();
    }

    /** Why {@code target} can't be a mapping's target, or empty when it can. */
    public Optional<String> targetProblem(String target) {
        Entry entry = entries.get(target);
        if (entry == null) {
            if (isExtension(target)) {
                return Optional.empty();
            }
            String suggestion = closest(target);
            return Optional.of("unknown target attribute '" + target + "'"
                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
        }
        if (!entry.name().equals(target)) {
            return Optional.of(caseMismatch(target, entry.name()));
        }
        return Optional.ofNullable(entry.notWritable())
                .map(reason -> "'" + target + "' can't be a target attribute: " + reason);
    }

    /** Why a source attribute reference is wrong (only a known name in the wrong case is), or empty. */
    public Optional<String> sourceProblem(String source) {
        Entry entry = entries.get(source);
        if (entry != null && !entry.name().equals(source)) {
            return Optional.of(caseMismatch("[" + source + "]", "[" + entry.name() + "]"));
        }
        return Optional.empty();
    }

    private static String caseMismatch(String given, String known) {
        return "attribute names are case-sensitive: " + given + " should be " + known;
    }

    private static boolean isExtension(String name) {
        return name.startsWith("extension_") && name.indexOf('_', "extension_".length()) > 0;
    }

    /** A known name within two edits, for "did you mean". */
    private String closest(String name) {
        String best = null;
        int bestDistance = 3;
        for (String known : entries.keySet()) {
            int distance = distance(name.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = known;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
