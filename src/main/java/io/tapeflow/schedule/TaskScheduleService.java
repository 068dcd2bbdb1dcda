package io.tapeflow.schedule;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.Constraints;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.security.Caller;
import io.tapeflow.task.Task;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The schedule of a task (at most one), seen by whoever may see the task. Writing a rule checks it
 * and sets its next firing: the first occurrence from now on.
 */
@Singleton
public class TaskScheduleService {

    static final ListSchema SCHEMA = ListSchema.of("task_schedules", "task_schedule", List.of(
            Attribute.integer("id", "id"),
            Attribute.integer("task_id", "task_id"),
            Attribute.text("rrule", "rrule"),
            Attribute.integer("done", "done"),
            Attribute.instant("next", "next_time"),
            Attribute.text("cron", "cron"),
            Attribute.text("time_zone", "time_zone"),
            Attribute.bool("catch_up", "catch_up"),
            Attribute.integer("missed_count", "missed_count"),
            Attribute.integer("skipped_count", "skipped_count"),
            Attribute.instant("missed_first", "missed_first"),
            Attribute.instant("missed_last", "missed_last"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.instant("modification_date", "modification_date"),
            Attribute.text("creation_username", "creation_username"),
            Attribute.text("modification_username", "modification_username")));

    private final TaskScheduleRepository schedules;
    private final ListExecutor lists;
    private final AuditLog audit;

    public TaskScheduleService(TaskScheduleRepository schedules, ListExecutor lists, AuditLog audit) {
        this.schedules = schedules;
        this.audit = audit;
        this.lists = lists;
    }

    /** The schedules of the caller's tasks, or of everyone's when an admin asks for {@code all}. */
    public ListPage<TaskSchedule> list(ListQuery query, Caller caller) {
        if (query.all() && !caller.isAdmin()) {
            throw ApiException.forbidden("only admins may list all users' task schedules (all=true)");
        }
        SqlFragment scope = query.all() ? SqlFragment.TRUE
                : SqlFragment.of("EXISTS (SELECT 1 FROM task t WHERE t.id = task_schedule.task_id AND t.owner_id = ?)", caller.userId());
        return lists.fetch(SCHEMA, "*", query, scope, TaskSchedule.class);
    }

    /** @throws ApiException 404 when the task has no schedule */
    public TaskSchedule find(Task task) {
        return schedules.findByTaskId(task.id()).orElseThrow(() -> ApiException.notFound("task_schedule of task", String.valueOf(task.id())));
    }

    /** @throws ApiException 409 when the task already has one, 422 when the rule is not valid */
    @Transactional
    public TaskSchedule create(Task task, TaskScheduleRequest request, Caller caller) {
        if (schedules.findByTaskId(task.id()).isPresent()) {
            throw alreadyScheduled(task);
        }
        Rule rule = Rule.of(request.rrule(), request.cron(), request.timeZone());
        Instant now = DbTime.now();
        Instant next = firstFiring(rule, now);
        try {
            TaskSchedule created = schedules.save(new TaskSchedule(null, task.id(), rule.rrule(), rule.cron(), rule.timeZone(),
                    Boolean.TRUE.equals(request.catchUp()), next, 0, 0, 0, null, null, now, now, caller.username(), caller.username()));
            audit.created("task_schedules", created);
            return created;
        } catch (DataAccessException e) {
            if (Constraints.isViolation(e)) {
                throw alreadyScheduled(task);
            }
            throw e;
        }
    }

    /** Applies what the request carries; a changed rule fires next at its first occurrence from now on. */
    @Transactional
    public TaskSchedule update(Task task, TaskScheduleRequest request, Caller caller) {
        TaskSchedule schedule = find(task);
        Rule rule = Rule.of(schedule, request);
        Instant now = DbTime.now();
        Instant next = rule.sameAs(schedule) ? schedule.nextTime() : firstFiring(rule, now);
        schedules.update(schedule.id(), rule.rrule(), rule.cron(), rule.timeZone(),
                request.catchUp() == null ? schedule.catchUp() : request.catchUp(), next, now, caller.username());
        TaskSchedule updated = schedules.findById(schedule.id()).orElseThrow();
        audit.updated("task_schedules", schedule, updated);
        return updated;
    }

    @Transactional
    public void delete(Task task) {
        TaskSchedule schedule = find(task);
        schedules.delete(schedule);
        audit.destroyed("task_schedules", schedule);
    }

    /** A rule that never fires again is a mistake of its author: 422 rather than a dead schedule. */
    private static Instant firstFiring(Rule rule, Instant now) {
        Instant next = Recurrences.of(rule.rrule(), rule.cron(), rule.timeZone()).nextAfter(now.minus(1, ChronoUnit.MICROS));
        if (next == null) {
            String field = rule.rrule() != null ? "rrule" : "cron";
            throw ApiException.invalid(field, "invalid", field + " has no occurrence from now on");
        }
        return next;
    }

    private static ApiException alreadyScheduled(Task task) {
        return ApiException.conflict("task " + task.id() + " already has a schedule; change it with PUT or delete it first");
    }

    /** The rule a schedule will have, checked: an rrule, or a cron with its time zone. */
    record Rule(String rrule, String cron, String timeZone) {

        static Rule of(String rrule, String cron, String timeZone) {
            FieldErrors errors = new FieldErrors();
            if (rrule != null && timeZone != null) {
                errors.add("time_zone", "invalid", "time_zone goes with cron; an rrule names its zone in DTSTART;TZID=...");
            }
            String zone = null;
            if (cron != null) {
                try {
                    zone = Recurrences.zone(timeZone).getId();
                } catch (IllegalArgumentException e) {
                    errors.add("time_zone", "invalid", timeZone, e.getMessage());
                }
            }
            errors.throwIfAny();
            try {
                Recurrences.of(rrule, cron, zone);
            } catch (IllegalArgumentException e) {
                errors.add(rrule != null ? "rrule" : "cron", "invalid", e.getMessage());
            }
            errors.throwIfAny();
            return new Rule(rrule, cron, zone);
        }

        /** The stored rule with what the request changes: a new rrule or cron replaces the other kind. */
        static Rule of(TaskSchedule schedule, TaskScheduleRequest request) {
            if (request.rrule() != null || request.cron() != null) {
                return of(request.rrule(), request.cron(), request.timeZone());
            }
            if (request.timeZone() != null) {
                return of(schedule.rrule(), schedule.cron(), request.timeZone());
            }
            return new Rule(schedule.rrule(), schedule.cron(), schedule.timeZone());
        }

        boolean sameAs(TaskSchedule schedule) {
            return java.util.Objects.equals(rrule, schedule.rrule()) && java.util.Objects.equals(cron, schedule.cron())
                    && java.util.Objects.equals(timeZone, schedule.timeZone());
        }
    }
}
