package io.tapeflow.schedule;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskService;

/** The schedule of one task: when it runs by itself. */
@Controller("/api/v2/tasks/{task_id}/task_schedule")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "task_schedules")
public class TaskScheduleController {

    private final TaskService tasks;
    private final TaskScheduleService schedules;

    public TaskScheduleController(TaskService tasks, TaskScheduleService schedules) {
        this.tasks = tasks;
        this.schedules = schedules;
    }

    /** The task's schedule, with its next firing; 404 when it has none. */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_schedules/show")
    public TaskScheduleView getTaskSchedule(@PathVariable("task_id") String taskId, Authentication authentication) {
        return TaskScheduleView.of(schedules.find(task(taskId, authentication)));
    }

    /**
     * Schedules the task by an iCalendar recurrence or a cron expression. Either {@code rrule}, a DTSTART
     * and an RRULE line ("DTSTART;TZID=Europe/Brussels:20260101T020000\nRRULE:FREQ=DAILY"), or
     * {@code cron} (Unix, five fields, read in {@code time_zone}, default UTC); {@code catch_up=true}
     * runs the task once at start-up when firings were missed while no node was running. 409 when the
     * task already has a schedule.
     */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_schedules/create")
    public TaskScheduleView createTaskSchedule(@PathVariable("task_id") String taskId,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskScheduleRequest.class))) JsonNode body,
            Authentication authentication) {
        Task task = task(taskId, authentication);
        return TaskScheduleView.of(schedules.create(task, read(body, true), Caller.of(authentication)));
    }

    /** Changes the rule or catch_up; a new rrule replaces a cron and the other way round. */
    @Put
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_schedules/update")
    public TaskScheduleView updateTaskSchedule(@PathVariable("task_id") String taskId,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskScheduleRequest.class))) JsonNode body,
            Authentication authentication) {
        Task task = task(taskId, authentication);
        return TaskScheduleView.of(schedules.update(task, read(body, false), Caller.of(authentication)));
    }

    /** Unschedules the task (a run under way goes on). */
    @Delete
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_schedules/destroy")
    public HttpResponse<Void> destroyTaskSchedule(@PathVariable("task_id") String taskId, Authentication authentication) {
        schedules.delete(task(taskId, authentication));
        return HttpResponse.noContent();
    }

    private Task task(String taskId, Authentication authentication) {
        return tasks.find(taskId, Caller.of(authentication));
    }

    private static TaskScheduleRequest read(JsonNode body, boolean complete) {
        FieldErrors errors = new FieldErrors();
        TaskScheduleRequest request = TaskScheduleRequest.read(body, complete, errors);
        errors.throwIfAny();
        return request;
    }
}
