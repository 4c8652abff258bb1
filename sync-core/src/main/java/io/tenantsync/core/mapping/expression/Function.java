package io.tenantsync.core.mapping.expression;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions of Entra's attribute-mapping expression language, with their parameters. Names are matched
 * case-insensitively (the portal's own on-demand view writes {@code AltSecidFromNetid}); printing uses the
 * spelling here. A parameter name ending in {@code ?} may be left empty; trailing parameters of a variadic
 * function repeat.
 *
 * <p>Values: null means absent; an empty multi-valued attribute counts as null. Functions that take one string use
 * the first value of a multi-valued input. Numeric parameters accept numbers and numeric strings ({@code "1"});
 * a parameter that can't be read as its type makes the function return null rather than fail.
 */
public enum Function {
    /** source + suffix. A null source gives null (nothing to append to); a null suffix leaves the source as is. */
    APPEND("Append", 2, 2, 0, "source", "suffix"),
    /**
     * CTS's linking key from the source user's {@code netId}. Entra's encoding is not published: the value is the
     * netId text itself, and the target directory writes it as Graph's {@code alternativeSecurityIds} entry.
     */
    ALT_SEC_ID_FROM_NET_ID("AltSecIdFromNetId", 1, 1, 0, "netId"),
    /** The user's app-role names as a multi-valued value; how they are patched (add only) is the SCIM writer's concern. */
    APP_ROLE_ASSIGNMENTS_COMPLEX("AppRoleAssignmentsComplex", 1, 1, 0, "appRoleAssignments"),
    /** Like AppRoleAssignmentsComplex; the SCIM writer replaces roles instead of adding them. */
    ASSERTIVE_APP_ROLE_ASSIGNMENTS_COMPLEX("AssertiveAppRoleAssignmentsComplex", 1, 1, 0, "appRoleAssignments"),
    /** Bitwise AND of two numbers; null if either is not a number. */
    BIT_AND("BitAnd", 2, 2, 0, "value1", "value2"),
    /** True when the value is non-zero, "True", or a true comparison; False otherwise, including for null. */
    C_BOOL("CBool", 1, 1, 0, "expression"),
    /** A date/time string (ISO 8601 with optional offset, or M/d/yyyy h:mm:ss tt) as a UTC DateTime; no offset means UTC. */
    C_DATE("CDate", 1, 1, 0, "expression"),
    /** The first argument that is not null (an empty string counts as a value); the last one doubles as the default. */
    COALESCE("Coalesce", 1, Integer.MAX_VALUE, 1, "source"),
    /** Base64 of the UTF-16LE bytes. */
    CONVERT_TO_BASE64("ConvertToBase64", 1, 1, 0, "source"),
    /** Upper-case hex of the UTF-8 bytes. */
    CONVERT_TO_UTF8_HEX("ConvertToUTF8Hex", 1, 1, 0, "source"),
    /** Number of values: 0 for null, 1 for a single value. */
    COUNT("Count", 1, 1, 0, "attribute"),
    /** The text form; booleans as True/False, DateTimes as M/d/yyyy h:mm:ss tt, a multi-valued input's first value. */
    C_STR("CStr", 1, 1, 0, "value"),
    /** Adds value × interval (yyyy, m, d, ww, h, n, s); month arithmetic clamps to the month's last day, as VB does. */
    DATE_ADD("DateAdd", 3, 3, 0, "interval", "value", "dateTime"),
    /** VB DateDiff: counts calendar boundaries (days between dates, Sunday-started weeks, months, years) in UTC. */
    DATE_DIFF("DateDiff", 3, 3, 0, "interval", "date1", "date2"),
    /** AD FILETIME (100 ns ticks since 1601-01-01 UTC) to DateTime. */
    DATE_FROM_NUM("DateFromNum", 1, 1, 0, "value"),
    /**
     * Parses with a .NET custom format and prints with another. Both the documented 4-argument form and the older
     * 3-argument form (no dateTimeStyles) are accepted; styles are not interpreted beyond trimming white space.
     * Input without an offset is taken as UTC. An input that doesn't fit the format gives null.
     */
    FORMAT_DATE_TIME("FormatDateTime", 3, 4, 0, "source", "dateTimeStyles?", "inputFormat", "outputFormat"),
    /** A new GUID from the evaluation context's id source, lower case with hyphens. */
    GUID("Guid", 0, 0, 0),
    /**
     * Drops the attribute from the flow when the enclosed value is null or empty; no default value applies then.
     * It must enclose the whole expression.
     */
    IGNORE_FLOW_IF_NULL_OR_EMPTY("IgnoreFlowIfNullOrEmpty", 1, 1, 0, "expression"),
    /**
     * valueIfTrue when the condition holds. A comparison with a null or empty operand doesn't hold (Entra documents
     * that such conditions "fail"), so it yields valueIfFalse. Only the chosen branch is evaluated.
     */
    IIF("IIF", 3, 3, 0, "condition", "valueIfTrue", "valueIfFalse"),
    /**
     * 1-based position of value2 in value1 from start, 0 when absent; null when value1 or value2 is null. A start
     * below 1 counts as 1. compareType vbTextCompare (1) ignores case; vbBinaryCompare (0, the default) doesn't.
     */
    IN_STR("InStr", 2, 4, 0, "value1", "value2", "start?", "compareType?"),
    /** True when the value is null (absent). */
    IS_NULL("IsNull", 1, 1, 0, "expression"),
    /** True when the value is null or an empty string. */
    IS_NULL_OR_EMPTY("IsNullOrEmpty", 1, 1, 0, "expression"),
    /** True when the value is neither null nor an empty string. */
    IS_PRESENT("IsPresent", 1, 1, 0, "expression"),
    /** True for any single non-null value (all have a text form); False for null and for multi-valued values. */
    IS_STRING("IsString", 1, 1, 0, "expression"),
    /** The index-th value (1-based); null when out of range (Cloud Sync errors instead; a mapping can't recover). */
    ITEM("Item", 2, 2, 0, "attribute", "index"),
    /**
     * Joins with the separator, expanding multi-valued sources and skipping null and empty values (no doubled
     * separators). Null when no source has a value.
     */
    JOIN("Join", 2, Integer.MAX_VALUE, 1, "separator", "source"),
    /** First numChars characters; 0 gives "", negative gives the input, null gives "". */
    LEFT("Left", 2, 2, 0, "string", "numChars"),
    /** 1-based substring, cut at the end of the source; null for a null source, "" when start is past the end. */
    MID("Mid", 3, 3, 0, "source", "start", "length"),
    /**
     * Replaces letters with diacritics by their base letters (Entra's table: ß→ss, æ→ae, ø→oe, ł→l, ı→i, and every
     * letter that decomposes to a base letter plus combining marks).
     */
    NORMALIZE_DIACRITICS("NormalizeDiacritics", 1, 1, 0, "source"),
    /** False when the source is true ("True" in any case); True for anything else, null included. */
    NOT("Not", 1, 1, 0, "source"),
    /** The current UTC DateTime from the evaluation context's clock. */
    NOW("Now", 0, 0, 0),
    /** A date/time string (or DateTime) to AD FILETIME. */
    NUM_FROM_DATE("NumFromDate", 1, 1, 0, "value"),
    /**
     * Proper case. Without separators, words split at the Unicode categories .NET's ToTitleCase uses (spaces,
     * controls, punctuation and symbols, so "john's" becomes "John'S" as Entra shows); with separators, only at those.
     */
    P_CASE("PCase", 1, 2, 0, "source", "wordSeparators?"),
    /**
     * A random string from the context's random source with at least the given numbers of digits, special
     * characters (the Windows password-complexity set), capitals and lower-case letters, avoiding the given
     * characters. Null when the constraints can't be met (length over 256 or below the sum of the minimums).
     */
    RANDOM_STRING("RandomString", 5, 6, 0, "length", "minimumNumbers", "minimumSpecialCharacters", "minimumCapital",
            "minimumLowerCase", "charactersToAvoid?"),
    /** The value flows unchanged; provisioning logs show [Redact] for the attribute. */
    REDACT("Redact", 1, 1, 0, "value"),
    /** Distinct values of a multi-valued value, first occurrence kept, case-sensitive. */
    REMOVE_DUPLICATES("RemoveDuplicates", 1, 1, 0, "attribute"),
    /**
     * Case-sensitive replace in one of the documented modes, chosen by which arguments are supplied: oldValue with
     * replacementValue (or else template); regexPattern with regexGroupName and replacementValue, with
     * replacementValue alone, or with regexGroupName and replacementAttributeName. Regexes use .NET syntax
     * ({@code (?<name>…)}, {@code ${name}}). A null replacement value replaces with "".
     */
    REPLACE("Replace", 2, 7, 0, "source", "oldValue?", "regexPattern?", "regexGroupName?", "replacementValue?",
            "replacementAttributeName?", "template?"),
    /**
     * The first rule value that the uniqueness probe says is free; rules with a null or empty value are skipped.
     * When every value is taken the mapping reports it (Entra escrows the object). Must enclose the whole expression.
     */
    SELECT_UNIQUE_VALUE("SelectUniqueValue", 2, Integer.MAX_VALUE, 1, "rule"),
    /** One app-role name: the first one when several are assigned (Entra says "unpredictable"). */
    SINGLE_APP_ROLE_ASSIGNMENT("SingleAppRoleAssignment", 1, 1, 0, "appRoleAssignments"),
    /** Splits on every occurrence of the delimiter text; values are not trimmed. */
    SPLIT("Split", 2, 2, 0, "source", "delimiter"),
    /** Removes every space character (U+0020 only). */
    STRIP_SPACES("StripSpaces", 1, 1, 0, "source"),
    /**
     * The value of the first key equal to the source (case-sensitive text), else defaultValue. A "" key also
     * matches a null source. Only the chosen value is evaluated.
     */
    SWITCH("Switch", 4, Integer.MAX_VALUE, 2, "source", "defaultValue?", "key", "value"),
    /** Lower case in the given culture (an RFC 4646 tag such as en-US), the invariant culture by default. */
    TO_LOWER("ToLower", 1, 2, 0, "source", "culture?"),
    /** Upper case in the given culture, the invariant culture by default. */
    TO_UPPER("ToUpper", 1, 2, 0, "source", "culture?"),
    /**
     * The wordNumber-th word (1-based) splitting at any of the delimiter characters; runs of delimiters count as one.
     * "" when the number is below 1, the string is null, or there are too few words.
     */
    WORD("Word", 3, 3, 0, "string", "wordNumber", "delimiters");

    /** Names of functions from Entra's sibling dialects, refused with a hint rather than as unknown. */
    private static final Set<String> CLOUD_SYNC_ONLY = Set.of("convertfrombase64", "dncomponent", "error",
            "stringfromsid", "trim", "cref", "contains");

    private static final Map<String, Function> BY_NAME = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (Function function : values()) {
            BY_NAME.put(function.displayName, function);
        }
    }

    private final String displayName;
    private final int minArguments;
    private final int maxArguments;
    private final int repeatingTail;
    private final String[] parameters;

    Function(String displayName, int minArguments, int maxArguments, int repeatingTail, String... parameters) {
        this.displayName = displayName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.repeatingTail = repeatingTail;
        this.parameters = parameters;
    }

    /** The function's name as Entra documents it, e.g. {@code SelectUniqueValue}. */
    public String displayName() {
        return displayName;
    }

    /** The fewest arguments a call may have. */
    public int minArguments() {
        return minArguments;
    }

    /** {@link Integer#MAX_VALUE} for variadic functions. */
    public int maxArguments() {
        return maxArguments;
    }

    /** The function called {@code name} in any case, or null. */
    public static Function named(String name) {
        return BY_NAME.get(name);
    }

    static boolean isCloudSyncOnly(String name) {
        return CLOUD_SYNC_ONLY.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The parameter's name at {@code index} (0-based) in a call with {@code count} arguments, without '?'. */
    String parameterName(int index, int count) {
        String raw = rawParameter(index, count);
        return raw.endsWith("?") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** Whether the argument at {@code index} may be left empty. */
    boolean mayOmit(int index, int count) {
        return rawParameter(index, count).endsWith("?");
    }

    private String rawParameter(int index, int count) {
        if (this == FORMAT_DATE_TIME && count == 3) {
            // the older form has no dateTimeStyles
            return index == 0 ? parameters[0] : parameters[index + 1];
        }
        if (index < parameters.length) {
            return parameters[index];
        }
        int fixed = parameters.length - repeatingTail;
        return parameters[fixed + (index - fixed) % repeatingTail];
    }

    /** "takes 3 arguments", "takes 2 to 4 arguments", "takes at least 2 arguments". */
    String arityText() {
        if (minArguments == maxArguments) {
            return "takes " + minArguments + (minArguments == 1 ? " argument" : " arguments");
        }
        if (maxArguments == Integer.MAX_VALUE) {
            return "takes at least " + minArguments + (minArguments == 1 ? " argument" : " arguments");
        }
        return "takes " + minArguments + " to " + maxArguments + " arguments";
    }
}
