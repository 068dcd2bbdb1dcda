package io.tapeflow.task;

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

/** A task's options ({@code file_checksum}, {@code parallel_processing}, {@code reset_file_date}). */
@Controller("/api/v2/tasks/{task_id}/task_options")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "task_options")
public class TaskOptionController {

    private final TaskService tasks;
    private final TaskOptionService options;

    public TaskOptionController(TaskService tasks, TaskOptionService options) {
        this.tasks = tasks;
        this.options = options;
    }

    /** Lists the task's options. */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_options/index")
    public TaskOptionList listTaskOptions(@PathVariable("task_id") String taskId, Authentication authentication) {
        var list = options.list(tasks.find(taskId, Caller.of(authentication)).id());
        return new TaskOptionList(list.size(), list);
    }

    /** Adds an option; one per type. */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_options/create")
    public TaskOption createTaskOption(@PathVariable("task_id") String taskId,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskOptionRequest.class))) JsonNode body,
            Authentication authentication) {
        Task task = tasks.find(taskId, Caller.of(authentication));
        FieldErrors errors = new FieldErrors();
        TaskOptionRequest request = TaskOptionRequest.read(body, true, errors);
        String value = request.type() == null ? null
                : TaskOptionRequest.normalize(request.type(), request.value(), "value", errors).orElse(null);
        errors.throwIfAny();
        return options.create(task.id(), request.type(), value);
    }

    /** One option. */
    @Get("/{option_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_options/show")
    public TaskOption getTaskOption(@PathVariable("task_id") String taskId, @PathVariable("option_id") String optionId,
                                    Authentication authentication) {
        return options.find(tasks.find(taskId, Caller.of(authentication)).id(), optionId);
    }

    /** Changes an option's value. */
    @Put("/{option_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_options/update")
    public TaskOption updateTaskOption(@PathVariable("task_id") String taskId, @PathVariable("option_id") String optionId,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskOptionRequest.class))) JsonNode body,
            Authentication authentication) {
        long task = tasks.find(taskId, Caller.of(authentication)).id();
        TaskOption option = options.find(task, optionId);
        FieldErrors errors = new FieldErrors();
        TaskOptionRequest request = TaskOptionRequest.read(body, false, errors);
        if (request.type() != null && request.type() != option.type()) {
            errors.add("type", "invalid", "an option's type cannot change; delete it and add another");
        }
        String value = TaskOptionRequest.normalize(option.type(), request.value(), "value", errors).orElse(null);
        errors.throwIfAny();
        return options.update(task, option, value);
    }

    /** Removes an option: the run uses the default again. */
    @Delete("/{option_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_options/destroy")
    public HttpResponse<Void> destroyTaskOption(@PathVariable("task_id") String taskId, @PathVariable("option_id") String optionId,
                                                Authentication authentication) {
        long task = tasks.find(taskId, Caller.of(authentication)).id();
        options.delete(task, options.find(task, optionId));
        return HttpResponse.noContent();
    }
}
