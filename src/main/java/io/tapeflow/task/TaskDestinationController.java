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

/** The destinations of a task: container and path, checked against the container's root. */
@Controller("/api/v2/tasks/{task_id}/task_destinations")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "task_destinations")
public class TaskDestinationController {

    private final TaskEndpointActions actions;

    public TaskDestinationController(TaskService tasks, TaskEndpointService endpoints) {
        this.actions = new TaskEndpointActions(EndpointKind.DESTINATION, tasks, endpoints);
    }

    /** Lists the task's destinations. */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_destinations/index")
    public TaskEndpointList listTaskDestinations(@PathVariable("task_id") String taskId, Authentication authentication) {
        return actions.list(taskId, authentication);
    }

    /** Adds one: {@code container_id} or {@code container_name}, and the path inside it. */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_destinations/create")
    public TaskEndpointView createTaskDestination(@PathVariable("task_id") String taskId,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskEndpointRequest.class))) JsonNode body,
            Authentication authentication) {
        return actions.create(taskId, body, authentication);
    }

    /** One of them, by id. */
    @Get("/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_destinations/show")
    public TaskEndpointView getTaskDestination(@PathVariable("task_id") String taskId, @PathVariable String id, Authentication authentication) {
        return actions.get(taskId, id, authentication);
    }

    /** Changes the container or the path; what is not sent stays. */
    @Put("/{id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_destinations/update")
    public TaskEndpointView updateTaskDestination(@PathVariable("task_id") String taskId, @PathVariable String id,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskEndpointRequest.class))) JsonNode body,
            Authentication authentication) {
        return actions.update(taskId, id, body, authentication);
    }

    /** Removes one. */
    @Delete("/{id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_destinations/destroy")
    public HttpResponse<Void> destroyTaskDestination(@PathVariable("task_id") String taskId, @PathVariable String id, Authentication authentication) {
        actions.destroy(taskId, id, authentication);
        return HttpResponse.noContent();
    }
}
