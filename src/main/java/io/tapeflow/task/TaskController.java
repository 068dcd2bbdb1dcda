package io.tapeflow.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
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
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;

import java.util.Set;

/** The tasks API of the vendor contract (Nodeum API v2). */
@Controller("/api/v2/tasks")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "tasks")
public class TaskController {

    private final TaskService tasks;

    public TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    /**
     * Lists the caller's tasks, or everyone's with {@code all=true} (admins only). Every attribute is
     * a filter, its value optionally prefixed by an operator: = != &gt; &gt;= &lt; &lt;= (compare),
     * &gt;&lt;a|b (in list), !&gt;&lt;a|b (not in list), ~pat% (like), !~pat% (not like); repeat a
     * parameter for a range. {@code sort_by=priority:desc|name}; {@code limit} (default 50, max 1000)
     * with {@code offset}, or {@code cursor} set to the previous page's {@code next_cursor}.
     */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/index")
    public TaskList listTasks(HttpRequest<?> request, Authentication authentication) {
        return TaskList.of(tasks.list(ListQueryParser.parse(TaskService.SCHEMA, request.getParameters().asMap(), Set.of()),
                Caller.of(authentication)).map(TaskView::of));
    }

    /** Creates a task owned by the caller. */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/create")
    public TaskView createTask(@Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskRequest.class))) JsonNode body,
                           Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        TaskRequest request = TaskRequest.read(body, true, errors);
        errors.throwIfAny();
        return TaskView.of(tasks.create(request, Caller.of(authentication)));
    }

    /** One task, by numeric id or by name. */
    @Get("/{task_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/show")
    public TaskView getTask(@PathVariable("task_id") String taskId, Authentication authentication) {
        return TaskView.of(tasks.find(taskId, Caller.of(authentication)));
    }

    /** Changes the fields the body carries; read-only fields sent back are ignored. */
    @Put("/{task_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/update")
    public TaskView updateTask(@PathVariable("task_id") String taskId,
                           @Body @RequestBody(content = @Content(schema = @Schema(implementation = TaskRequest.class))) JsonNode body,
                           Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Task task = tasks.find(taskId, caller);
        FieldErrors errors = new FieldErrors();
        TaskRequest request = TaskRequest.read(body, false, errors);
        errors.throwIfAny();
        return TaskView.of(tasks.update(task, request, caller));
    }

    /**
     * Deletes a task. Its executions stay listable at /task_executions as history, unless
     * {@code keep_history=false}, which removes them and their logs too. Archived data and the
     * catalog stay either way.
     */
    @Delete("/{task_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tasks/destroy")
    public HttpResponse<Void> destroyTask(@PathVariable("task_id") String taskId,
                                          @Nullable @QueryValue("keep_history") @Schema(type = "boolean", defaultValue = "true") String keepHistory,
                                          Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        boolean keep = ListQueryParser.parseFlag(keepHistory, "keep_history", true, errors);
        errors.throwIfAny();
        tasks.delete(tasks.find(taskId, Caller.of(authentication)), keep);
        return HttpResponse.noContent();
    }
}
