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
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Roles;

/** The sources of a task: container and path, checked against the container's root. */
@Controller("/api/v2/tasks/{task_id}/task_sources")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "task_sources")
public class TaskSourceController {

    private final TaskEndpointActions actions;

    public TaskSourceController(TaskService tasks, TaskEndpointService endpoints) {
        this.actions = new TaskEndpointActions(EndpointKind.SOURCE, tasks, endpoints);
    }

    /** Lists the task's sources. */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_sources/index")
    public TaskEndpointList listTaskSources(@PathVariable("task_id") String taskId, Authentication authentication) {
        return actions.list(taskId, authentication);
    }

    /** Adds one: {@code container_id} or {@code container_name}, and the path inside it. */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_sources/create")
    public TaskEndpointView createTaskSource(@PathVariable("task_id") String taskId,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskEndpointRequest.class))) JsonNode body,
            Authentication authentication) {
        return actions.create(taskId, body, authentication);
    }

    /** One of them, by id. */
    @Get("/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_sources/show")
    public TaskEndpointView getTaskSource(@PathVariable("task_id") String taskId, @PathVariable String id, Authentication authentication) {
        return actions.get(taskId, id, authentication);
    }

    /** Changes the container or the path; what is not sent stays. */
    @Put("/{id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_sources/update")
    public TaskEndpointView updateTaskSource(@PathVariable("task_id") String taskId, @PathVariable String id,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskEndpointRequest.class))) JsonNode body,
            Authentication authentication) {
        return actions.update(taskId, id, body, authentication);
    }

    /** Removes one. */
    @Delete("/{id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_sources/destroy")
    public HttpResponse<Void> destroyTaskSource(@PathVariable("task_id") String taskId, @PathVariable String id, Authentication authentication) {
        actions.destroy(taskId, id, authentication);
        return HttpResponse.noContent();
    }
}
