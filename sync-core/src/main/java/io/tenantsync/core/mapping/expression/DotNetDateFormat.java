package io.tenantsync.core.mapping.expression;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.DateTimeException;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * A .NET custom date and time format string ({@code yyyyMMddHHmmss.fZ}, {@code M/d/yyyy hh:mm:ss tt},
 * {@code yyyy-MM-ddzzz}) as a Java formatter that parses and prints the same text. Characters that are not .NET
 * specifiers are literals, as in .NET; names of months, days and AM/PM are the invariant culture's (English).
 */
final class DotNetDateFormat {

    private final DateTimeFormatter formatter;

    private DotNetDateFormat(DateTimeFormatter formatter) {
        this.formatter = formatter;
    }

    /** The format, or throws {@link IllegalArgumentException} saying what is wrong with it. */
    static DotNetDateFormat of(String format) {
        return new Translation(format).build();
    }

    /** Null when the format is usable, else the reason. */
    static String problemWith(String format) {
        try {
            of(format);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The date read from {@code text} (surrounding white space allowed); UTC when it has no offset; null if it doesn't fit. */
    OffsetDateTime parse(String text) {
        try {
            TemporalAccessor parsed = formatter.parse(text.strip());
            return OffsetDateTime.from(parsed);
        } catch (DateTimeException e) {
            // FormatDateTime is off the hot path; an unreadable date is simply no value
            return null;
        }
    }

    String format(OffsetDateTime dateTime) {
        return formatter.format(dateTime);
    }

    /** One pass over the .NET format, building the Java formatter and noting which fields it has. */
    private static final class Translation {
        private final String format;
        private final DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        private boolean year;
        private boolean month;
        private boolean day;
        private boolean hour24;
        private boolean hour12;
        private boolean amPm;
        private boolean minute;
        private boolean second;
        private boolean offset;

        Translation(String format) {
            this.format = format;
        }

        DotNetDateFormat build() {
            if (format.isEmpty()) {
                throw new IllegalArgumentException("date format is empty");
            }
            int i = 0;
            while (i < format.length()) {
                i = token(i);
            }
            if (!year) {
                builder.parseDefaulting(ChronoField.YEAR, 1);
            }
            if (!month) {
                builder.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
            }
            if (!day) {
                builder.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
            }
            if (hour12 && !amPm) {
                builder.parseDefaulting(ChronoField.AMPM_OF_DAY, 0);
            }
            if (!hour24 && !hour12) {
                builder.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
            }
            if (!minute) {
                builder.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0);
            }
            if (!second) {
                builder.parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0);
            }
            if (!offset) {
                builder.parseDefaulting(ChronoField.OFFSET_SECONDS, 0);
            }
            return new DotNetDateFormat(builder.toFormatter(Locale.US));
        }

        /** Translates the specifier or literal at {@code i}; returns the index after it. */
        private int token(int i) {
            char c = format.charAt(i);
            int run = 1;
            while (i + run < format.length() && format.charAt(i + run) == c) {
                run++;
            }
            switch (c) {
                case 'y' -> {
                    year = true;
                    if (run == 2) {
                        builder.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
                    } else if (run == 4) {
                        builder.appendValue(ChronoField.YEAR, 4);
                    } else {
                        builder.appendValue(ChronoField.YEAR, Math.max(run, 1), 9, SignStyle.NORMAL);
                    }
                }
                case 'M' -> {
                    month = true;
                    if (run >= 4) {
                        builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
                    } else if (run == 3) {
                        builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
                    } else {
                        numeric(ChronoField.MONTH_OF_YEAR, run);
                    }
                }
                case 'd' -> {
                    if (run >= 4) {
                        builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
                    } else if (run == 3) {
                        builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
                    } else {
                        day = true;
                        numeric(ChronoField.DAY_OF_MONTH, run);
                    }
                }
                case 'H' -> {
                    hour24 = true;
                    numeric(ChronoField.HOUR_OF_DAY, run);
                }
                case 'h' -> {
                    hour12 = true;
                    numeric(ChronoField.CLOCK_HOUR_OF_AMPM, run);
                }
                case 'm' -> {
                    minute = true;
                    numeric(ChronoField.MINUTE_OF_HOUR, run);
                }
                case 's' -> {
                    second = true;
                    numeric(ChronoField.SECOND_OF_MINUTE, run);
                }
                case 'f', 'F' -> {
                    if (run > 7) {
                        throw new IllegalArgumentException("date format has more than 7 '" + c + "' fraction digits");
                    }
                    builder.appendFraction(ChronoField.NANO_OF_SECOND, c == 'f' ? run : 0, run, false);
                }
                case 't' -> {
                    amPm = true;
                    builder.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
                }
                case 'z' -> {
                    offset = true;
                    builder.appendOffset(run >= 3 ? "+HH:MM" : "+HH", "+00:00");
                }
                case 'K' -> {
                    offset = true;
                    builder.appendOffset("+HH:MM", "Z");
                    return i + 1;
                }
                case '\'', '"' -> {
                    int close = format.indexOf(c, i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("date format has an unclosed " + c + " quote");
                    }
                    builder.appendLiteral(format.substring(i + 1, close));
                    return close + 1;
                }
                case '\\' -> {
                    if (i + 1 >= format.length()) {
                        throw new IllegalArgumentException("date format ends with a lone backslash");
                    }
                    builder.appendLiteral(format.charAt(i + 1));
                    return i + 2;
                }
                case '%' -> {
                    return i + 1; // "%d" is d on its own
                }
                default -> {
                    builder.appendLiteral(format.substring(i, i + run));
                }
            }
            return i + run;
        }

        private void numeric(ChronoField field, int run) {
            if (run == 1) {
                builder.appendValue(field, 1, 2, SignStyle.NOT_NEGATIVE);
            } else {
                builder.appendValue(field, 2);
            }
        }
    }
}
