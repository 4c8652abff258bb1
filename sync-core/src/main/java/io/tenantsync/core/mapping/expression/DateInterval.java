package io.tenantsync.core.mapping.expression;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The interval codes of DateAdd and DateDiff (VB's, case-insensitive as in VB). */
enum DateInterval {
    YEAR("yyyy"),
    MONTH("m"),
    DAY("d"),
    WEEK("ww"),
    HOUR("h"),
    MINUTE("n"),
    SECOND("s");

    private final String code;

    DateInterval(String code) {
        this.code = code;
    }

    static DateInterval of(String code) {
        if (code == null) {
            return null;
        }
        for (DateInterval interval : values()) {
            if (interval.code.equalsIgnoreCase(code)) {
                return interval;
            }
        }
        return null;
    }

    Instant add(Instant instant, long amount) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        LocalDateTime result = switch (this) {
            case YEAR -> utc.plusYears(amount);
            case MONTH -> utc.plusMonths(amount);
            case DAY -> utc.plusDays(amount);
            case WEEK -> utc.plusWeeks(amount);
            case HOUR -> utc.plusHours(amount);
            case MINUTE -> utc.plusMinutes(amount);
            case SECOND -> utc.plusSeconds(amount);
        };
        return result.toInstant(ZoneOffset.UTC);
    }

    /** VB DateDiff: the number of interval boundaries crossed from {@code first} to {@code second}, in UTC. */
    long between(Instant first, Instant second) {
        return switch (this) {
            case YEAR -> utc(second).getYear() - utc(first).getYear();
            case MONTH -> months(utc(second)) - months(utc(first));
            case DAY -> epochDay(second) - epochDay(first);
            // weeks start on Sunday; epoch day 0 was a Thursday
            case WEEK -> Math.floorDiv(epochDay(second) + 4, 7) - Math.floorDiv(epochDay(first) + 4, 7);
            case HOUR -> Math.floorDiv(second.getEpochSecond(), 3600) - Math.floorDiv(first.getEpochSecond(), 3600);
            case MINUTE -> Math.floorDiv(second.getEpochSecond(), 60) - Math.floorDiv(first.getEpochSecond(), 60);
            case SECOND -> second.getEpochSecond() - first.getEpochSecond();
        };
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long months(LocalDateTime dateTime) {
        return dateTime.getYear() * 12L + dateTime.getMonthValue();
    }

    private static long epochDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400);
    }
}
