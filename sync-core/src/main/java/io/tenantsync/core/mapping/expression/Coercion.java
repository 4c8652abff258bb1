package io.tenantsync.core.mapping.expression;

import java.time.Instant;
import java.util.List;

/**
 * The implicit conversions of Entra's value model. Values are null (absent), {@link String}, {@link Long},
 * {@link Boolean}, {@link Instant} (Entra's DateTime) or a {@link List} of those (multi-valued). None of these
 * conversions throws: a value that can't be read as the wanted type gives null.
 */
final class Coercion {

    private Coercion() {
    }

    /** Null, an empty list, or nothing else. */
    static boolean isNull(Object value) {
        return value == null || value instanceof List<?> list && list.isEmpty();
    }

    static boolean isNullOrEmpty(Object value) {
        if (isNull(value)) {
            return true;
        }
        return value instanceof String s ? s.isEmpty() : value instanceof List<?> list && isNullOrEmpty(list.get(0));
    }

    /** A single value: the first value of a multi-valued one. */
    static Object single(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : list.get(0);
        }
        return value;
    }

    /** The text form: booleans as True/False, DateTimes as M/d/yyyy h:mm:ss tt, a list's first value. */
    static String text(Object value) {
        Object single = single(value);
        if (single == null || single instanceof String) {
            return (String) single;
        }
        if (single instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (single instanceof Instant instant) {
            return EntraDateTime.format(instant);
        }
        return single.toString();
    }

    /** A whole number: a Long, or text holding an optionally signed integer; else null. */
    static Long number(Object value) {
        Object single = single(value);
        if (single instanceof Long l) {
            return l;
        }
        if (single instanceof String s) {
            return parseLong(s.strip());
        }
        return null;
    }

    /** A number with a fallback, for parameters such as InStr's start. */
    static long number(Object value, long fallback) {
        Long number = number(value);
        return number == null ? fallback : number;
    }

    /** Integer text to a Long without exceptions; null if it isn't one. */
    static Long parseLong(String s) {
        int length = s.length();
        if (length == 0 || length > 20) {
            return null;
        }
        int i = 0;
        boolean negative = s.charAt(0) == '-';
        if (negative || s.charAt(0) == '+') {
            i = 1;
            if (length == 1) {
                return null;
            }
        }
        long value = 0;
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            int digit = c - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
        }
        if (!negative && value == Long.MIN_VALUE) {
            return null;
        }
        return negative ? value : -value;
    }

    /** A boolean: Boolean, "True"/"False" in any case, or a number (non-zero is true); else null. */
    static Boolean bool(Object value) {
        Object single = single(value);
        if (single instanceof Boolean b) {
            return b;
        }
        if (single instanceof Long l) {
            return l != 0;
        }
        if (single instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            Long number = parseLong(s.strip());
            return number == null ? null : number != 0;
        }
        return null;
    }

    /** A DateTime: an Instant, or text that {@link EntraDateTime#parse} reads; else null. */
    static Instant dateTime(Object value) {
        Object single = single(value);
        if (single instanceof Instant instant) {
            return instant;
        }
        if (single instanceof String s) {
            return EntraDateTime.parse(s);
        }
        return null;
    }
}
