package io.tapeflow.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expansion of schedule rules, plain JUnit: the instants in UTC are what the ticker fires at. */
class RecurrenceTest {

    private static List<Instant> next(Recurrence recurrence, Instant after, int count) {
        List<Instant> instants = new ArrayList<>();
        Instant at = after;
        for (int i = 0; i < count; i++) {
            at = recurrence.nextAfter(at);
            instants.add(at);
        }
        return instants;
    }

    private static List<Instant> utc(String... instants) {
        return java.util.Arrays.stream(instants).map(Instant::parse).toList();
    }

    @Test
    void aDailyRuleInBrusselsKeepsItsLocalTimeAcrossBothDstChanges() {
        Recurrence daily = Recurrences.of("DTSTART;TZID=Europe/Brussels:20260101T023000\nRRULE:FREQ=DAILY", null, null);

        // 29 March 2026: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist and RFC 5545 moves it to 03:30 CEST.
        assertEquals(utc("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"),
                next(daily, Instant.parse("2026-03-27T12:00:00Z"), 4));
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice; the rule fires at the first.
        assertEquals(utc("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "2026-10-27T01:30:00Z"),
                next(daily, Instant.parse("2026-10-23T12:00:00Z"), 4));
    }

    @Test
    void theDstDaysExpandTheSameFromAnySearchStart() {
        Recurrence daily = Recurrences.of("DTSTART;TZID=Europe/Brussels:20260101T023000\nRRULE:FREQ=DAILY", null, null);

        assertEquals(Instant.parse("2026-03-30T00:30:00Z"), daily.nextAfter(Instant.parse("2026-03-29T01:30:00Z")));
        assertEquals(Instant.parse("2026-10-26T01:30:00Z"), daily.nextAfter(Instant.parse("2026-10-25T00:30:00Z")));
        Recurrence.Span year = daily.span(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-31T23:59:59Z"));
        assertEquals(365, year.count(), "one firing a day, none lost or doubled by DST");
        assertEquals(Instant.parse("2026-01-01T01:30:00Z"), year.first());
        assertEquals(Instant.parse("2026-12-31T01:30:00Z"), year.last());
    }

    @Test
    void aCountedSecondsRuleEndsAfterItsCount() {
        Recurrence rule = Recurrences.of("DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY;INTERVAL=2;COUNT=3", null, null);

        assertEquals(utc("2026-01-01T00:00:00Z", "2026-01-01T00:00:02Z", "2026-01-01T00:00:04Z"),
                next(rule, Instant.parse("2025-12-31T23:59:59Z"), 3));
        assertNull(rule.nextAfter(Instant.parse("2026-01-01T00:00:04Z")));
        assertEquals(2, rule.span(Instant.parse("2026-01-01T00:00:01Z"), Instant.parse("2026-01-01T01:00:00Z")).count());
    }

    @Test
    void anHourlyRuleInBrusselsFiresEachLocalHourOnceAroundTheDstChanges() {
        Recurrence hourly = Recurrences.of("DTSTART;TZID=Europe/Brussels:20260101T000000\nRRULE:FREQ=HOURLY", null, null);

        // spring: local 02:00 does not exist and lands on 03:00 CEST, which fires once
        assertEquals(utc("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"),
                next(hourly, Instant.parse("2026-03-28T23:30:00Z"), 3));
        // autumn: local 02:00 happens twice and fires at the first; searching from inside the doubled hour still moves on
        assertEquals(utc("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z"), next(hourly, Instant.parse("2026-10-24T23:30:00Z"), 2));
        assertEquals(Instant.parse("2026-10-25T02:00:00Z"), hourly.nextAfter(Instant.parse("2026-10-25T01:10:00Z")));
    }

    @Test
    void untilInUtcEndsARuleInAnotherZone() {
        Recurrence rule = Recurrences.of("DTSTART;TZID=Europe/Brussels:20260101T020000\nRRULE:FREQ=DAILY;UNTIL=20260103T000000Z", null, null);

        assertEquals(utc("2026-01-01T01:00:00Z", "2026-01-02T01:00:00Z"), next(rule, Instant.parse("2025-12-31T00:00:00Z"), 2));
        assertNull(rule.nextAfter(Instant.parse("2026-01-02T01:00:00Z")));
        assertEquals(2, rule.span(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")).count());
    }

    @Test
    void aCronExpressionIsReadInItsTimeZone() {
        Recurrence brussels = Recurrences.of(null, "30 2 * * *", "Europe/Brussels");
        Recurrence utc = Recurrences.of(null, "30 2 * * *", null);

        assertEquals(utc("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
                next(brussels, Instant.parse("2026-10-23T12:00:00Z"), 3));
        assertEquals(Instant.parse("2026-10-24T02:30:00Z"), utc.nextAfter(Instant.parse("2026-10-23T12:00:00Z")));
        Recurrence.Span hours = Recurrences.of(null, "0 * * * *", null).span(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T05:00:00Z"));
        assertEquals(6, hours.count());
    }

    @Test
    void rulesThatCannotBeExpandedAreRefusedWithAReason() {
        assertRefused("DTSTART;TZID=Europe/Brussels:20260101T020000\nRRULE:FREQ=SOMETIMES", "SOMETIMES");
        assertRefused("DTSTART;TZID=Mars/Olympus:20260101T020000\nRRULE:FREQ=DAILY", "Mars/Olympus");
        assertRefused("DTSTART:20260101T020000\nRRULE:FREQ=DAILY", "time zone");
        assertRefused("DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=DAILY", "time zone");
        assertRefused("RRULE:FREQ=DAILY", "two lines");
        assertRefused("DTSTART:20260101T020000Z\nRRULE:FREQ=DAILY\nEND:VEVENT", "two lines");
        IllegalArgumentException cron = assertThrows(IllegalArgumentException.class, () -> Recurrences.of(null, "61 * * * *", null));
        assertTrue(cron.getMessage().contains("61"), cron.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Recurrences.of(null, "0 2 * * *", "Nowhere/Land"));
    }

    private static void assertRefused(String rrule, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recurrences.of(rrule, null, null));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
