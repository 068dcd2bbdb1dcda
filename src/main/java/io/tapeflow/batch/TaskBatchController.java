package io.tapeflow.batch;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.action.ActionService;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;
import io.tapeflow.task.TaskAction;

/**
 * Batch actions of the other products' task APIs: {@code -} stands for "the tasks the body lists".
 * The literal segment {@code -} is not an id here: a task named "-" is still reached at /tasks/-.
 */
@Controller("/api/v2/tasks/-")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "tasks")
public class TaskBatchController {

    private final TaskBatch batch;

    public TaskBatchController(TaskBatch batch) {
        this.batch = batch;
    }

    /**
     * Requests the action (run, pause, stop or resume) on each listed task: 200 with the job id per
     * task in {@code job_ids} and, per task that could not act (unknown, not the caller's, wrong state),
     * the reason in {@code errors}.
     */
    @Post("/action/{action}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/action")
    public BatchActionResult actOnTasks(@PathVariable @Schema(allowableValues = {"run", "pause", "stop", "resume"}) String action,
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = BatchRequest.class))) JsonNode body,
            Authentication authentication) {
        TaskAction requested = ActionService.parse(action);
        return batch.act(BatchRequest.read(body).ids(), requested, Caller.of(authentication));
    }

    /** Deletes each listed task: 200 with the ids deleted, and per task that was not, the reason in {@code errors}. */
    @Post("/delete")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/destroy")
    public BatchDeleteResult deleteTasks(
            @Body @RequestBody(content = @Content(schema = @Schema(implementation = BatchRequest.class))) JsonNode body,
            Authentication authentication) {
        return batch.delete(BatchRequest.read(body).ids(), Caller.of(authentication));
    }
}
