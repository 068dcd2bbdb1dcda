package io.tapeflow.schedule;

import java.time.Instant;

/** When a schedule fires: the instants of an iCalendar recurrence or a cron expression, time zones applied. */
public interface Recurrence {

    /** The first occurrence strictly after {@code instant}, or null when the rule has no more. */
    Instant nextAfter(Instant instant);

    /** The occurrences from {@code from} to {@code to}, both included: how many, the first and the last. */
    default Span span(Instant from, Instant to) {
        long count = 0;
        Instant first = null;
        Instant last = null;
        for (Instant at = nextAfter(from.minusNanos(1)); at != null && !at.isAfter(to); at = nextAfter(at)) {
            count++;
            first = first == null ? at : first;
            last = at;
        }
        return new Span(count, first, last);
    }

    /** Occurrences in a stretch of time; {@code first} and {@code last} are null when {@code count} is 0. */
    record Span(long count, Instant first, Instant last) {
    }
}
