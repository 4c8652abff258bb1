package io.tenantsync.emulator.odata;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A constant on the right-hand side of a filter clause. */
public sealed interface Literal {

    /** A quoted string, or an unquoted GUID (Graph lets clients leave those unquoted). */
    record StringValue(String value) implements Literal {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
    }

    record BooleanValue(boolean value) implements Literal {}

    record IntegerValue(long value) implements Literal {}

    /** An unquoted ISO-8601 date or date-time; without an offset it is taken as UTC. */
    record DateTimeValue(Instant value) implements Literal {
        private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T.*)?");

        public DateTimeValue {
            Objects.requireNonNull(value, "value");
        }

        /** The instant an ISO-8601 text denotes, or empty when it is not one. */
        static Optional<Instant> parseInstant(String text) {
            // the shape check keeps the common non-date case free of exceptions
            if (text.length() < 10 || !SHAPE.matcher(text).matches()) return Optional.empty();
            try {
                if (text.length() == 10) return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
                if (parsed instanceof OffsetDateTime offset) return Optional.of(offset.toInstant());
                return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException | ArithmeticException e) {
                return Optional.empty();
            }
        }
    }

    record NullValue() implements Literal {}
}
