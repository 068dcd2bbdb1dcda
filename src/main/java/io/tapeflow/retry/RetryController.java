package io.tapeflow.retry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.action.ActionJobStatus;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;

import java.util.List;

/** Retries of executions: again, but only the files that failed. */
@Controller("/api/v2/task_executions")
@Tag(name = "task_executions")
public class RetryController {

    private final RetryService retries;

    public RetryController(RetryService retries) {
        this.retries = retries;
    }

    /**
     * Runs the execution's task again over only the files the execution failed on, as a new execution
     * whose {@code retry_of} names it: 202 with the job id and the new execution's id. 409 while the
     * execution or its task runs, when it failed on no file, or when its task was deleted or changed.
     */
    @Put("/{task_execution_id}/action/retry")
    @Secured({Roles.ADMIN, Roles.USER})
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/action")
    public HttpResponse<ActionJobStatus> retryTaskExecution(@PathVariable("task_execution_id") String id, Authentication authentication) {
        return HttpResponse.accepted().body(retries.retry(id, Caller.of(authentication)));
    }

    /** The state of a retry's job: queued, working, completed or failed, as for a run. */
    @Get("/{task_execution_id}/action/retry")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/action")
    public ActionJobStatus getRetryJob(@PathVariable("task_execution_id") String id, @QueryValue("job_id") String jobId,
                                       Authentication authentication) {
        return retries.status(id, jobId, Caller.of(authentication));
    }

    /**
     * Retries many executions, each on its own. The body names them by {@code ids} (at most 1000), or
     * by {@code status} (such as error): the caller's executions that ended so and are still their
     * task's latest run (everyone's with {@code all} true, admins only; at most 1000 a request). The
     * answer maps each id to its job, or to why it was not retried.
     */
    @Post("/-/retry")
    @Secured({Roles.ADMIN, Roles.USER})
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_executions/action")
    public BatchOutcome retryTaskExecutions(@Body @RequestBody(content = @Content(schema = @Schema(implementation = RetryBatchRequest.class)))
                                            JsonNode body, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        FieldErrors errors = new FieldErrors();
        RetryBatchRequest request = RetryBatchRequest.read(body, errors);
        errors.throwIfAny();
        List<String> ids = request.ids() != null ? request.ids() : retries.latestWithStatus(request.status(), request.all(), caller);
        return retries.retry(ids, caller);
    }
}
