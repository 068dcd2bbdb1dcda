package io.tapeflow.execution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;
import io.tapeflow.task.TaskService;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/** Runs of tasks: their status, counters, live progress and log. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "task_executions")
public class ExecutionController {

    private static final Duration EVENT_EVERY = Duration.ofSeconds(1);
    /** A client that wants more reconnects; no stream holds a connection and a poller forever. */
    private static final Duration STREAM_AT_MOST = Duration.ofHours(1);

    private final ExecutionService executions;
    private final TaskService tasks;
    private final Scheduler blocking;

    public ExecutionController(ExecutionService executions, TaskService tasks,
                               @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.executions = executions;
        this.tasks = tasks;
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    /** Lists the caller's executions (everyone's with all=true, admins only), with the usual filters and sorts. */
    @Get("/api/v2/task_executions")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/index")
    public ExecutionList listTaskExecutions(HttpRequest<?> request, Authentication authentication) {
        return ExecutionList.of(executions.list(ListQueryParser.parse(ExecutionService.SCHEMA, request.getParameters().asMap(), Set.of()),
                Caller.of(authentication), null));
    }

    /**
     * Clears finished executions with their logs (never one that is queued, running or paused) and
     * answers how many went: the ones the list with the same filters shows, so a GET previews a DELETE.
     * Without a filter, {@code all=true} is required (admins; it clears everyone's). Archived data and
     * the catalog are never touched.
     */
    @Delete("/api/v2/task_executions")
    @Secured({Roles.ADMIN, Roles.USER})
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/destroy")
    public ClearedCount destroyTaskExecutions(HttpRequest<?> request, Authentication authentication) {
        Map<String, List<String>> parameters = request.getParameters().asMap();
        Set<String> paging = new HashSet<>(parameters.keySet());
        paging.retainAll(ListQueryParser.PAGING_PARAMETERS);
        paging.remove("all");
        return new ClearedCount(executions.clear(ListQueryParser.parse(ExecutionService.SCHEMA, parameters, Set.of()), paging,
                Caller.of(authentication)));
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

    /**
     * Live progress as server-sent events: the execution every second (event {@code progress}) until it
     * ends, then once more with its final state (event {@code end}).
     */
    @Get(value = "/api/v2/task_executions/{task_execution_id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/events")
    public Publisher<Event<ExecutionView>> getTaskExecutionEvents(@PathVariable("task_execution_id") String id,
                                                                  Authentication authentication) {
        Caller caller = Caller.of(authentication);
        executions.find(id, caller);
        return Flux.interval(Duration.ZERO, EVENT_EVERY)
                .concatMap(tick -> Mono.fromCallable(() -> executions.find(id, caller)).subscribeOn(blocking))
                .onBackpressureDrop()
                .take(STREAM_AT_MOST)
                // A paused run ends the stream too: nothing moves until someone resumes it.
                .takeUntil(execution -> execution.isFinished() || execution.status() == io.tapeflow.task.TaskStatus.paused)
                .map(execution -> Event.of(ExecutionView.of(execution))
                        .name(execution.isFinished() ? "end" : execution.status() == io.tapeflow.task.TaskStatus.paused ? "paused" : "progress"));
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
