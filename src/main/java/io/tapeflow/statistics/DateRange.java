package io.tapeflow.statistics;

import io.tapeflow.api.FieldErrors;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Days from {@code from} to {@code to}, both included, in UTC (the database's time zone). Without
 * {@code to}, today; without {@code from}, the 30 days ending at {@code to}.
 */
record DateRange(LocalDate from, LocalDate to) {

    static final int DEFAULT_DAYS = 30;
    /** DATETIME(6) ends at 9999-12-31; the range's end is the day after {@code to}. */
    private static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 30);

    /** @throws io.tapeflow.api.ApiException 422 on a malformed or out-of-range date, or {@code to} before {@code from} */
    static DateRange parse(String from, String to, Clock clock) {
        FieldErrors errors = new FieldErrors();
        LocalDate end = date("to", to, errors);
        LocalDate start = date("from", from, errors);
        errors.throwIfAny();
        if (end == null) {
            end = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS - 1);
        }
        if (end.isBefore(start)) {
            errors.add("to", "greater_than_or_equal_to", start.toString(), "to (" + end + ") must not be before from (" + start + ")");
        }
        errors.throwIfAny();
        return new DateRange(start, end);
    }

    private static LocalDate date(String field, String raw, FieldErrors errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(raw.trim());
            if (date.isBefore(FIRST) || date.isAfter(LAST)) {
                errors.add(field, "invalid", raw, field + " must be between " + FIRST + " and " + LAST);
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(field, "invalid", raw, field + " must be an ISO-8601 date such as 2026-01-31, not '" + raw + "'");
            return null;
        }
    }

    /** The first instant of {@code from}. */
    Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after {@code to}. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
