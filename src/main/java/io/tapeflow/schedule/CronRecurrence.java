package io.tapeflow.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A Unix cron expression (five fields: minute hour day-of-month month day-of-week, as in crontab),
 * read by cron-utils in a time zone. On the spring-forward day a time that does not exist (02:30 in
 * Europe/Brussels) does not fire, as with most crons.
 */
final class CronRecurrence implements Recurrence {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime times;
    private final ZoneId zone;

    private CronRecurrence(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /** @throws IllegalArgumentException with a message for the client */
    static CronRecurrence parse(String expression, ZoneId zone) {
        Cron cron;
        try {
            cron = PARSER.parse(expression.strip()).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron is not a valid Unix cron expression (minute hour day-of-month month "
                    + "day-of-week, e.g. 30 2 * * *): " + e.getMessage(), e);
        }
        return new CronRecurrence(ExecutionTime.forCron(cron), zone);
    }

    @Override
    public Instant nextAfter(Instant instant) {
        return times.nextExecution(instant.atZone(zone)).map(next -> next.toInstant()).orElse(null);
    }
}
