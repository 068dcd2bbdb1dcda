package io.tapeflow.execution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.task.TaskService;

import java.util.Set;

/** Runs of tasks: their status, counters, live progress and log. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "task_executions")
public class ExecutionController {

    private final ExecutionService executions;
    private final TaskService tasks;

    public ExecutionController(ExecutionService executions, TaskService tasks) {
        this.executions = executions;
        this.tasks = tasks;
    }

    /** Lists the caller's executions (everyone's with all=true, admins only), with the usual filters and sorts. */
    @Get("/api/v2/task_executions")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/index")
    public ExecutionList listTaskExecutions(HttpRequest<?> request, Authentication authentication) {
        return ExecutionList.of(executions.list(ListQueryParser.parse(ExecutionService.SCHEMA, request.getParameters().asMap(), Set.of()),
                Caller.of(authentication), null));
    }

    /** Lists the executions of one task. */
    @Get("/api/v2/tasks/{task_id}/task_executions")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/index")
    public ExecutionList listTaskExecutionsOfTask(@PathVariable("task_id") String taskId, HttpRequest<?> request,
                                                  Authentication authentication) {
        Caller caller = Caller.of(authentication);
        long id = tasks.find(taskId, caller).id();
        return ExecutionList.of(executions.list(ListQueryParser.parse(ExecutionService.SCHEMA, request.getParameters().asMap(), Set.of()),
                caller, id));
    }

    /** One execution. */
    @Get("/api/v2/task_executions/{task_execution_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/show")
    public ExecutionView getTaskExecution(@PathVariable("task_execution_id") String id, Authentication authentication) {
        return ExecutionView.of(executions.find(id, Caller.of(authentication)));
    }

    /** The execution's log as plain text, one line per event: time, level, file, what happened and why. */
    @Get("/api/v2/task_executions/{task_execution_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/log")
    public String getTaskExecutionLog(@PathVariable("task_execution_id") String id, Authentication authentication) {
        return executions.log(executions.find(id, Caller.of(authentication)));
    }
}
