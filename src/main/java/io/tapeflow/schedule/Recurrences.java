package io.tapeflow.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The recurrence a schedule's stored rule stands for: its rrule, or its cron read in its time zone (UTC by default). */
final class Recurrences {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private Recurrences() {
    }

    /** @throws IllegalArgumentException naming what is wrong, for the client */
    static Recurrence of(String rrule, String cron, String timeZone) {
        return rrule != null ? ICalRecurrence.parse(rrule) : CronRecurrence.parse(cron, zone(timeZone));
    }

    static Recurrence of(TaskSchedule schedule) {
        return of(schedule.rrule(), schedule.cron(), schedule.timeZone());
    }

    /** @throws IllegalArgumentException when the name is no time zone */
    static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time_zone must be a time zone name such as Europe/Brussels or UTC, not '"
                    + timeZone + "'", e);
        }
    }
}
