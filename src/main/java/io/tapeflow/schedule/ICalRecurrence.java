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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;

/**
 * An iCalendar (RFC 5545) recurrence with its start, as in {@code DTSTART;TZID=Europe/Brussels:20260101T020000}
 * and {@code RRULE:FREQ=DAILY} on the next line. ical4j parses both lines and expands the rule in the start's
 * time zone, so a daily 02:30 stays 02:30 local across DST changes (on the spring-forward day, when 02:30
 * does not exist, it fires at 03:30, as RFC 5545 says).
 */
final class ICalRecurrence implements Recurrence {

    private final ZonedDateTime start;
    private final Recur<ZonedDateTime> rule;

    private ICalRecurrence(ZonedDateTime start, Recur<ZonedDateTime> rule) {
        this.start = start;
        this.rule = rule;
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
        Component event = event(lines);
        Temporal date = ((DtStart<?>) event.getProperty(Property.DTSTART).orElseThrow()).getDate();
        ZonedDateTime start;
        if (date instanceof ZonedDateTime zoned) {
            start = zoned;
        } else if (date instanceof OffsetDateTime utc) {
            start = utc.atZoneSameInstant(ZoneOffset.UTC);
        } else {
            // a floating time or a bare date would fire at a different instant on each node's zone
            throw new IllegalArgumentException("DTSTART must be a date-time with a time zone: "
                    + "DTSTART;TZID=<zone>:YYYYMMDDTHHMMSS or DTSTART:YYYYMMDDTHHMMSSZ (UTC)");
        }
        @SuppressWarnings("unchecked")
        Recur<ZonedDateTime> rule = ((RRule<ZonedDateTime>) event.getProperty(Property.RRULE).orElseThrow()).getRecur();
        return new ICalRecurrence(start, rule);
    }

    private static boolean isProperty(String line, String name) {
        String upper = line.toUpperCase(Locale.ROOT);
        return upper.startsWith(name + ":") || upper.startsWith(name + ";");
    }

    /** The two lines inside a minimal calendar, so ical4j's own parser reads them (TZID included). */
    private static Component event(List<String> lines) {
        String calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tapeflow//schedule//EN\r\nBEGIN:VEVENT\r\n"
                + "UID:schedule\r\nDTSTAMP:20260101T000000Z\r\n" + String.join("\r\n", lines) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        try {
            Calendar parsed = new CalendarBuilder().build(new StringReader(calendar));
            return parsed.getComponents().get(0);
        } catch (ParserException | RuntimeException e) {
            // ical4j reports bad input as parser, date-time (unknown TZID) or number format errors
            throw new IllegalArgumentException("rrule is not valid iCalendar: " + reason(e), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    private static String reason(Exception e) {
        // "Error at line 8: ..." counts the lines of the calendar we wrapped around the client's text.
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceFirst("^Error at line \\d+:\\s*", "");
    }

    @Override
    public Instant nextAfter(Instant instant) {
        ZonedDateTime next = rule.getNextDate(start, instant.atZone(start.getZone()));
        return next == null ? null : next.toInstant();
    }

    @Override
    public Span span(Instant from, Instant to) {
        // One pass over the rule, however many occurrences (a SECONDLY rule over a long outage).
        long[] count = {0};
        Instant[] firstAndLast = new Instant[2];
        rule.getDatesAsStream(start, from.atZone(start.getZone()), to.atZone(start.getZone()), -1)
                .map(ZonedDateTime::toInstant)
                .filter(at -> !at.isBefore(from) && !at.isAfter(to))
                .forEach(at -> {
                    count[0]++;
                    firstAndLast[0] = firstAndLast[0] == null || at.isBefore(firstAndLast[0]) ? at : firstAndLast[0];
                    firstAndLast[1] = firstAndLast[1] == null || at.isAfter(firstAndLast[1]) ? at : firstAndLast[1];
                });
        return new Span(count[0], firstAndLast[0], firstAndLast[1]);
    }
}
