package io.tapeflow.schedule;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tapeflow.persistence.DbTime;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Every node looks for due schedules each second and takes each a step ({@link ScheduleFiring}).
 * A plain poll of an indexed column rather than JobRunr recurring jobs: JobRunr polls no faster than
 * every 5 s and knows neither RRULEs nor missed firings, and the claim in the database already makes
 * each firing happen once across nodes.
 */
@Singleton
@Requires(property = "tapeflow.schedules.enabled", notEquals = "false")
public class ScheduleTicker {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);

    private final TaskScheduleRepository schedules;
    private final ScheduleFiring firing;
    private final SchedulesConfiguration config;

    ScheduleTicker(TaskScheduleRepository schedules, ScheduleFiring firing, SchedulesConfiguration config) {
        this.schedules = schedules;
        this.firing = firing;
        this.config = config;
    }

    @Scheduled(fixedDelay = "${tapeflow.schedules.tick:1s}", initialDelay = "${tapeflow.schedules.tick:1s}")
    public void tick() {
        Instant now = DbTime.now();
        try {
            for (TaskSchedule schedule : schedules.findDue(now, config.batch())) {
                try {
                    firing.step(schedule, now);
                } catch (RuntimeException e) {
                    LOG.error("schedule {} of task {}: step failed, tried again next tick", schedule.id(), schedule.taskId(), e);
                }
            }
        } catch (RuntimeException e) {
            // the database is away: the next tick will find the same schedules due
            LOG.warn("looking for due schedules failed: {}", e.toString());
        }
    }
}
