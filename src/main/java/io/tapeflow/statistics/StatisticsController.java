package io.tapeflow.statistics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.execution.ExecutionService;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.list.ListSchema;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.task.TaskService;

import java.time.Clock;
import java.util.Set;

/**
 * Counters for dashboards. Task and run counters cover what the task and execution lists would show
 * for the same filters: the caller's own, or everyone's with {@code all=true} (admins only).
 */
@Controller("/api/v2/statistics")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "statistics")
public class StatisticsController {

    private static final Set<String> RANGE = Set.of("from", "to");

    private final TaskStatistics tasks;
    private final StorageStatistics storage;
    private final DailyStatistics daily;
    private final Clock clock = Clock.systemUTC();

    public StatisticsController(TaskStatistics tasks, StorageStatistics storage, DailyStatistics daily) {
        this.tasks = tasks;
        this.storage = storage;
        this.daily = daily;
    }

    /** Tasks per status, every status listed (0 included); the task list's filters and {@code all} apply. */
    @Get("/task_by_status")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "statistics/task_by_status")
    public TaskByStatus taskByStatus(HttpRequest<?> request, Authentication authentication) {
        return tasks.byStatus(query(TaskService.SCHEMA, request, Set.of()), Caller.of(authentication));
    }

    /** Tasks per workflow type and action; the task list's filters and {@code all} apply. */
    @Get("/task_by_workflow")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "statistics/task_by_workflow")
    public TaskByWorkflow taskByWorkflow(HttpRequest<?> request, Authentication authentication) {
        return tasks.byWorkflow(query(TaskService.SCHEMA, request, Set.of()), Caller.of(authentication));
    }

    /** Files and bytes per container, pool and tape, with each tape's and tape pool's capacity, free and used bytes. */
    @Get("/storage")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "statistics/storage")
    public Storage storage() {
        return storage.storage();
    }

    /**
     * Bytes and files moved and archived per UTC day, for days with activity between {@code from} and
     * {@code to} (ISO dates, both included; default the last 30 days); the execution list's filters
     * and {@code all} apply.
     */
    @Get("/by_date")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "statistics/by_date")
    public ByDate byDate(@Parameter(description = "first day, e.g. 2026-01-01") @QueryValue @Nullable String from,
                         @Parameter(description = "last day, e.g. 2026-01-31") @QueryValue @Nullable String to,
                         HttpRequest<?> request, Authentication authentication) {
        DateRange range = DateRange.parse(from, to, clock);
        return daily.byDate(range, query(ExecutionService.SCHEMA, request, RANGE), Caller.of(authentication));
    }

    private static ListQuery query(ListSchema schema, HttpRequest<?> request, Set<String> ignored) {
        return ListQueryParser.parse(schema, request.getParameters().asMap(), ignored);
    }
}
