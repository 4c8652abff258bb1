package io.tenantsync.core.mapping.expression;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * Entra's DateTime: read from the text forms documented examples use, printed as {@code M/d/yyyy h:mm:ss tt} in UTC,
 * and converted to and from AD FILETIME. Parsing is hand-written so that bad input costs no exception.
 */
final class EntraDateTime {

    /** Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

    private EntraDateTime() {
    }

    /** {@code M/d/yyyy h:mm:ss tt} in UTC, e.g. {@code 3/16/2020 7:00:00 AM}. */
    static String format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        int hour12 = utc.getHour() % 12 == 0 ? 12 : utc.getHour() % 12;
        StringBuilder out = new StringBuilder(22);
        out.append(utc.getMonthValue()).append('/').append(utc.getDayOfMonth()).append('/').append(utc.getYear())
                .append(' ').append(hour12).append(':');
        twoDigits(out, utc.getMinute()).append(':');
        twoDigits(out, utc.getSecond()).append(utc.getHour() < 12 ? " AM" : " PM");
        return out.toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** FILETIME ticks (100 ns since 1601-01-01 UTC) of an instant. */
    static long toFileTime(Instant instant) {
        return (instant.getEpochSecond() + FILETIME_EPOCH_OFFSET_SECONDS) * 10_000_000L + instant.getNano() / 100;
    }

    static Instant fromFileTime(long ticks) {
        long seconds = Math.floorDiv(ticks, 10_000_000L);
        long remainder = Math.floorMod(ticks, 10_000_000L);
        return Instant.ofEpochSecond(seconds - FILETIME_EPOCH_OFFSET_SECONDS, remainder * 100);
    }

    /**
     * Reads ISO 8601 ({@code 2009-06-15T01:45:30-07:00}, {@code 2020-03-16-07:00}, {@code 2021-08-24},
     * {@code 2021-08-24 10:00:00Z}) or US ({@code 8/25/2021 5:41:18 PM}) forms; no offset means UTC. Null otherwise.
     */
    static Instant parse(String text) {
        Cursor cursor = new Cursor(text.strip());
        if (cursor.text.isEmpty()) {
            return null;
        }
        int first = cursor.digits(1, 4);
        if (first < 0) {
            return null;
        }
        if (cursor.accept('/')) {
            return usForm(cursor, first);
        }
        if (cursor.position != 4 || !cursor.accept('-')) {
            return null;
        }
        int month = cursor.digits(1, 2);
        if (month < 0 || !cursor.accept('-')) {
            return null;
        }
        int day = cursor.digits(1, 2);
        if (!validDate(first, month, day)) {
            return null;
        }
        int[] time = {0, 0, 0, 0};
        if (cursor.peek() == 'T' || cursor.peek() == ' ') {
            cursor.position++;
            time = cursor.clock();
            if (time == null || time[0] > 23) {
                return null;
            }
        }
        Integer offsetSeconds = cursor.offset();
        if (offsetSeconds == null || !cursor.atEnd()) {
            return null;
        }
        return LocalDateTime.of(first, month, day, time[0], time[1], time[2], time[3]).toInstant(ZoneOffset.UTC)
                .minusSeconds(offsetSeconds);
    }

    private static Instant usForm(Cursor cursor, int month) {
        int day = cursor.digits(1, 2);
        if (day < 0 || !cursor.accept('/')) {
            return null;
        }
        int year = cursor.digits(4, 4);
        if (!validDate(year, month, day)) {
            return null;
        }
        int[] time = {0, 0, 0, 0};
        if (cursor.accept(' ')) {
            time = cursor.clock();
            if (time == null) {
                return null;
            }
            if (cursor.accept(' ')) {
                String rest = cursor.text.substring(cursor.position);
                boolean pm = rest.equalsIgnoreCase("PM");
                if (!pm && !rest.equalsIgnoreCase("AM") || time[0] < 1 || time[0] > 12) {
                    return null;
                }
                time[0] = time[0] % 12 + (pm ? 12 : 0);
                cursor.position = cursor.text.length();
            } else if (time[0] > 23) {
                return null;
            }
        }
        if (!cursor.atEnd()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, time[0], time[1], time[2], time[3]).toInstant(ZoneOffset.UTC);
    }

    private static boolean validDate(int year, int month, int day) {
        return year >= 1 && month >= 1 && month <= 12 && day >= 1
                && day <= Month.of(month).length(Year.isLeap(year));
    }

    /** A position in the text being parsed. */
    private static final class Cursor {
        final String text;
        int position;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        boolean atEnd() {
            return position == text.length();
        }

        boolean accept(char c) {
            if (peek() == c) {
                position++;
                return true;
            }
            return false;
        }

        /** Between min and max digits as a number, or -1. */
        int digits(int min, int max) {
            int start = position;
            int value = 0;
            while (position < text.length() && position - start < max && Character.isDigit(text.charAt(position))
                    && text.charAt(position) < 128) {
                value = value * 10 + (text.charAt(position) - '0');
                position++;
            }
            return position - start < min ? -1 : value;
        }

        /**
         * {@code H:mm[:ss[.fraction]]} as hour, minute, second, nanosecond, or null; the hour isn't range-checked
         * because 12- and 24-hour clocks differ.
         */
        int[] clock() {
            int hour = digits(1, 2);
            if (hour < 0 || !accept(':')) {
                return null;
            }
            int minute = digits(2, 2);
            if (minute < 0 || minute > 59) {
                return null;
            }
            int second = 0;
            int nanos = 0;
            if (accept(':')) {
                second = digits(2, 2);
                if (second < 0 || second > 59) {
                    return null;
                }
                if (accept('.')) {
                    nanos = fraction();
                    if (nanos < 0) {
                        return null;
                    }
                }
            }
            return new int[] {hour, minute, second, nanos};
        }

        /** Fraction digits as nanoseconds (extra digits beyond 9 ignored), or -1. */
        int fraction() {
            int start = position;
            int nanos = 0;
            int scale = 100_000_000;
            while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
                nanos += (text.charAt(position) - '0') * scale;
                scale /= 10;
                position++;
            }
            return position == start ? -1 : nanos;
        }

        /** Z, ±HH, ±HHmm, ±HH:mm as seconds east of UTC; 0 when absent; null when malformed. */
        Integer offset() {
            if (atEnd()) {
                return 0;
            }
            if (accept('Z') || accept('z')) {
                return 0;
            }
            char sign = peek();
            if (sign != '+' && sign != '-') {
                return null;
            }
            position++;
            int hours = digits(2, 2);
            if (hours < 0 || hours > 14) {
                return null;
            }
            accept(':');
            int minutes = atEnd() ? 0 : digits(2, 2);
            if (minutes < 0 || minutes > 59) {
                return null;
            }
            int seconds = hours * 3600 + minutes * 60;
            return sign == '-' ? -seconds : seconds;
        }
    }
}
