package io.tapeflow.schedule;

import io.tapeflow.action.ActionService;
import io.tapeflow.api.ApiException;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskAction;
import io.tapeflow.task.TaskRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Moves one due schedule on by a step: fires its next occurrence, or, when that is older than the
 * misfire threshold (no node was running then), counts every occurrence missed since and, with
 * {@code catch_up}, runs the task once. A firing runs the task as {@code PUT /tasks/{id}/action/run}
 * does; while the task still has a run that is not over, the firing is skipped and counted.
 */
@Singleton
class ScheduleFiring {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFiring.class);

    private final ScheduleStore store;
    private final TaskRepository tasks;
    private final ActionService actions;
    private final SchedulesConfiguration config;

    ScheduleFiring(ScheduleStore store, TaskRepository tasks, ActionService actions, SchedulesConfiguration config) {
        this.store = store;
        this.tasks = tasks;
        this.actions = actions;
        this.config = config;
    }

    void step(TaskSchedule schedule, Instant now) {
        Instant due = schedule.nextTime();
        Recurrence recurrence;
        try {
            recurrence = Recurrences.of(schedule);
        } catch (IllegalArgumentException e) {
            // Checked when written, so only changed time zone data gets here: stop rather than retry each second.
            LOG.error("schedule {} of task {}: its rule no longer reads ({}); it will not fire again", schedule.id(), schedule.taskId(), e.getMessage());
            store.claim(schedule.id(), due, null);
            return;
        }
        Instant missedUntil = now.minus(config.misfireThreshold());
        if (due.isBefore(missedUntil)) {
            Recurrence.Span missed = recurrence.span(due, missedUntil);
            Instant next = recurrence.nextAfter(missed.last() == null ? missedUntil : missed.last());
            if (store.claimMissed(schedule.id(), due, missed, next)) {
                LOG.warn("schedule {} of task {}: {} firing(s) from {} to {} were missed (no node was running){}", schedule.id(),
                        schedule.taskId(), missed.count(), missed.first(), missed.last(), schedule.catchUp() ? "; catching up with one run" : "");
                if (schedule.catchUp() && missed.count() > 0) {
                    fire(schedule, "catch-up of " + missed.count() + " missed firing(s)");
                }
            }
            return;
        }
        if (store.claim(schedule.id(), due, recurrence.nextAfter(due))) {
            fire(schedule, "firing of " + due);
        }
    }

    private void fire(TaskSchedule schedule, String what) {
        Optional<Task> task = tasks.findById(schedule.taskId());
        if (task.isEmpty()) {
            return; // deleted meanwhile, and its schedule with it
        }
        try {
            actions.request(task.get(), TaskAction.run);
            store.countDone(schedule.id());
            LOG.info("schedule {} of task {}: {} started a run", schedule.id(), schedule.taskId(), what);
        } catch (ApiException e) {
            store.countSkipped(schedule.id());
            LOG.info("schedule {} of task {}: {} skipped: {}", schedule.id(), schedule.taskId(), what, e.getMessage());
        } catch (RuntimeException e) {
            store.countSkipped(schedule.id());
            LOG.error("schedule {} of task {}: {} failed to start a run", schedule.id(), schedule.taskId(), what, e);
        }
    }
}
