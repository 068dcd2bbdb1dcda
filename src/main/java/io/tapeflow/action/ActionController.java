package io.tapeflow.action;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;
import io.tapeflow.task.TaskAction;
import io.tapeflow.task.TaskService;

/** Runs, pauses, stops and resumes a task; each request is a job whose state can be polled. */
@Controller("/api/v2/tasks/{task_id}/action/{action}")
@Tag(name = "tasks")
public class ActionController {

    private final TaskService tasks;
    private final ActionService actions;

    public ActionController(TaskService tasks, ActionService actions) {
        this.tasks = tasks;
        this.actions = actions;
    }

    /** Requests the action (run, pause, stop or resume): 202 with the job id; 409 when the task's state forbids it. */
    @Put
    @Secured({Roles.ADMIN, Roles.USER})
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/action")
    public HttpResponse<ActionJobStatus> requestAction(@PathVariable("task_id") String taskId,
            @PathVariable @Schema(allowableValues = {"run", "pause", "stop", "resume"}) String action,
            Authentication authentication) {
        TaskAction requested = ActionService.parse(action);
        return HttpResponse.accepted().body(actions.request(tasks.find(taskId, Caller.of(authentication)), requested));
    }

    /** The state of an action's job: queued, working, completed or failed, with progress and total bytes. */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/action")
    public ActionJobStatus getActionJob(@PathVariable("task_id") String taskId,
            @PathVariable @Schema(allowableValues = {"run", "pause", "stop", "resume"}) String action,
            @QueryValue("job_id") String jobId, Authentication authentication) {
        return actions.status(tasks.find(taskId, Caller.of(authentication)), ActionService.parse(action), jobId);
    }
}
