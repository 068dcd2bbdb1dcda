package io.tapeflow.schedule;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An iCalendar (RFC 5545) recurrence with its start, as in {@code DTSTART;TZID=Europe/Brussels:20260101T020000}
 * and {@code RRULE:FREQ=DAILY} on the next line. ical4j parses both lines (the TZID with its bundled
 * time zone data) and expands the rule. The expansion runs on the start's local date-times, which RFC
 * 5545 defines the rule on, and each local time becomes an instant in the start's zone as RFC 5545
 * says: one that does not exist (02:30 on the spring-forward day) is moved on by the gap (03:30), one
 * that happens twice (02:30 on the fall-back day) is the first. ical4j's own zoned expansion picks
 * the second or the first depending on DTSTART's offset, hence the local expansion.
 */
final class ICalRecurrence implements Recurrence {

    private final LocalDateTime start;
    private final ZoneId zone;
    private final Recur<LocalDateTime> rule;
    /** The rule's UNTIL as an instant (null: none), checked here as it is given in UTC, not in local time. */
    private final Instant until;

    private ICalRecurrence(LocalDateTime start, ZoneId zone, Recur<LocalDateTime> rule, Instant until) {
        this.start = start;
        this.zone = zone;
        this.rule = rule;
        this.until = until;
    }

    /**
     * @throws IllegalArgumentException with a message for the client when the text is not one DTSTART
     *                                  with a time zone (TZID or UTC) and one RRULE line
     */
    static ICalRecurrence parse(String text) {
        List<String> lines = text.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        long starts = lines.stream().filter(line -> isProperty(line, "DTSTART")).count();
        long rules = lines.stream().filter(line -> isProperty(line, "RRULE")).count();
        if (starts != 1 || rules != 1 || lines.size() != 2) {
            throw new IllegalArgumentException("rrule must be two lines: DTSTART (e.g. DTSTART;TZID=Europe/Brussels:20260101T020000) "
                    + "and RRULE (e.g. RRULE:FREQ=DAILY)");
        }
        try {
            Component event = event(lines);
            ZonedDateTime start = zoned(((DtStart<?>) event.getProperty(Property.DTSTART).orElseThrow()).getDate());
            RRule<?> rrule = (RRule<?>) event.getProperty(Property.RRULE).orElseThrow();
            Instant until = rrule.getRecur().getUntil() == null ? null : instant(rrule.getRecur().getUntil(), start.getZone());
            return new ICalRecurrence(start.toLocalDateTime(), start.getZone(), new Recur<>(withoutUntil(rrule.getValue())), until);
        } catch (ParserException | RuntimeException e) {
            // ical4j reports bad input as parser, date-time (an unknown TZID) or number format errors
            throw new IllegalArgumentException("rrule is not valid iCalendar: " + reason(e), e);
        }
    }

    private static boolean isProperty(String line, String name) {
        String upper = line.toUpperCase(Locale.ROOT);
        return upper.startsWith(name + ":") || upper.startsWith(name + ";");
    }

    /** The two lines inside a minimal calendar, so ical4j's own parser reads them (TZID included). */
    private static Component event(List<String> lines) throws ParserException {
        String calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tapeflow//schedule//EN\r\nBEGIN:VEVENT\r\n"
                + "UID:schedule\r\nDTSTAMP:20260101T000000Z\r\n" + String.join("\r\n", lines) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        try {
            Calendar parsed = new CalendarBuilder().build(new StringReader(calendar));
            return parsed.getComponents().get(0);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    private static ZonedDateTime zoned(Temporal date) {
        if (date instanceof ZonedDateTime zoned) {
            return zoned;
        }
        if (date instanceof OffsetDateTime utc) {
            return utc.atZoneSameInstant(ZoneOffset.UTC);
        }
        // a floating time or a bare date would fire at a different instant in each node's zone
        throw new IllegalArgumentException("DTSTART must be a date-time with a time zone: "
                + "DTSTART;TZID=<zone>:YYYYMMDDTHHMMSS or DTSTART:YYYYMMDDTHHMMSSZ (UTC)");
    }

    private static Instant instant(Temporal until, ZoneId zone) {
        if (until instanceof LocalDateTime local) {
            return local.atZone(zone).toInstant();
        }
        if (until instanceof java.time.LocalDate date) {
            return date.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        }
        return Instant.from(until);
    }

    private static String withoutUntil(String rule) {
        return Arrays.stream(rule.split(";")).filter(part -> !part.toUpperCase(Locale.ROOT).startsWith("UNTIL="))
                .collect(Collectors.joining(";"));
    }

    private static String reason(Exception e) {
        // "Error at line 8: ..." counts the lines of the calendar wrapped around the client's text
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceFirst("^Error at line \\d+:\\s*", "");
    }

    /** A local date-time of the rule as an instant: a time in the spring gap moves on by the gap, a doubled one is the first. */
    private Instant instant(LocalDateTime local) {
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private boolean withinUntil(Instant instant) {
        return until == null || !instant.isAfter(until);
    }

    @Override
    public Instant nextAfter(Instant instant) {
        LocalDateTime after = instant.atZone(zone).toLocalDateTime();
        ZoneOffsetTransition overlap = zone.getRules().getTransition(after);
        if (overlap != null && overlap.isOverlap()) {
            // In the autumn's doubled hour a local time stands for two instants: search from the hour's
            // start and skip below what is not strictly after the instant.
            after = overlap.getDateTimeAfter().minusNanos(1);
        }
        LocalDateTime candidate = rule.getNextDate(start, after);
        while (candidate != null && !instant(candidate).isAfter(instant)) {
            candidate = rule.getNextDate(start, candidate);
        }
        return candidate == null || !withinUntil(instant(candidate)) ? null : instant(candidate);
    }

    @Override
    public Span span(Instant from, Instant to) {
        // One pass over the rule, however many occurrences (a SECONDLY rule over a long outage); the
        // local window is widened by a day and the instants filtered, as DST shifts local times.
        long[] count = {0};
        Instant[] firstAndLast = new Instant[2];
        rule.getDatesAsStream(start, from.atZone(zone).toLocalDateTime().minusDays(1), to.atZone(zone).toLocalDateTime().plusDays(1), -1)
                .map(this::instant)
                .filter(at -> !at.isBefore(from) && !at.isAfter(to) && withinUntil(at))
                .map(at -> at.truncatedTo(ChronoUnit.NANOS))
                .distinct()
                .forEach(at -> {
                    count[0]++;
                    firstAndLast[0] = firstAndLast[0] == null || at.isBefore(firstAndLast[0]) ? at : firstAndLast[0];
                    firstAndLast[1] = firstAndLast[1] == null || at.isAfter(firstAndLast[1]) ? at : firstAndLast[1];
                });
        return new Span(count[0], firstAndLast[0], firstAndLast[1]);
    }
}
