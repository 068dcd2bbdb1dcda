package io.tapeflow.retry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.action.ActionJobStatus;
import io.tapeflow.action.ActionRecorder;
import io.tapeflow.action.ActionService;
import io.tapeflow.api.ApiException;
import io.tapeflow.execution.Execution;
import io.tapeflow.execution.ExecutionRepository;
import io.tapeflow.execution.ExecutionService;
import io.tapeflow.persistence.Sql;
import io.tapeflow.security.Caller;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskAction;
import io.tapeflow.task.TaskRepository;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retries of executions: a new run of the same task over only the files the execution failed on.
 * Visibility as for executions (a non-admin retries only their own); each id of a batch succeeds or
 * fails on its own.
 */
@Singleton
public class RetryService {

    /** Ids a batch may name, as for the other batch actions. */
    static final int MAX_BATCH = 1000;

    private final ExecutionService executions;
    private final ExecutionRepository executionRows;
    private final TaskRepository tasks;
    private final ActionService actions;
    private final ActionRecorder recorder;
    private final JdbcOperations jdbc;

    public RetryService(ExecutionService executions, ExecutionRepository executionRows, TaskRepository tasks, ActionService actions,
                        ActionRecorder recorder, JdbcOperations jdbc) {
        this.executions = executions;
        this.executionRows = executionRows;
        this.tasks = tasks;
        this.actions = actions;
        this.recorder = recorder;
        this.jdbc = jdbc;
    }

    /**
     * @throws ApiException 404 for an execution the caller cannot see; 409 when it has not finished,
     *                      failed on no file, or its task is deleted, running or changed
     */
    public ActionJobStatus retry(String executionId, Caller caller) {
        Execution original = executions.find(executionId, caller);
        if (!original.isFinished()) {
            throw ApiException.conflict("execution " + original.id() + " is " + original.status() + ": only a finished run is retried");
        }
        if (original.failedFiles() == 0) {
            throw ApiException.conflict("execution " + original.id() + " failed on no file: there is nothing to retry");
        }
        Task task = tasks.findById(original.taskId()).orElseThrow(() -> ApiException.conflict("task " + original.taskId()
                + " of execution " + original.id() + " was deleted: there is nothing left to run"));
        return actions.retry(task, original);
    }

    /** Retries each execution on its own: the job of each that started, the reason for each that did not. */
    public BatchOutcome retry(List<String> executionIds, Caller caller) {
        Map<String, String> jobIds = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String id : executionIds) {
            try {
                jobIds.put(id, retry(id, caller).jobId());
            } catch (ApiException e) {
                errors.put(id, e.getMessage());
            }
        }
        return new BatchOutcome(jobIds, errors);
    }

    /**
     * The executions a batch by status retries: the caller's (everyone's with {@code all}) that ended
     * in that status and are still their task's latest run (a later run or retry supersedes them).
     */
    @ReadOnly
    public List<String> latestWithStatus(TaskStatus status, boolean all, Caller caller) {
        if (all && !caller.isAdmin()) {
            throw ApiException.forbidden("only admins may retry all users' executions (all=true)");
        }
        Object[] parameters = all ? new Object[] {status.name()} : new Object[] {status.name(), caller.userId()};
        return Sql.longs(jdbc, "SELECT e.id FROM task_execution e WHERE e.status = ?" + (all ? "" : " AND e.owner_id = ?")
                        + " AND e.id = (SELECT MAX(l.id) FROM task_execution l WHERE l.task_id = e.task_id) ORDER BY e.id LIMIT " + MAX_BATCH,
                parameters).stream().map(String::valueOf).toList();
    }

    /** The state of a retry's job, found through the execution it retries. */
    public ActionJobStatus status(String executionId, String jobId, Caller caller) {
        Execution original = executions.find(executionId, caller);
        ActionRecorder.ActionJob job = recorder.find(jobId)
                .filter(j -> j.action() == TaskAction.run)
                .filter(j -> executionRows.findById(j.executionId()).map(e -> original.id().equals(e.retryOfExecutionId())).orElse(false))
                .orElseThrow(() -> ApiException.notFound("job", jobId));
        Task task = tasks.findById(job.taskId()).orElseThrow(() -> ApiException.notFound("job", jobId));
        return actions.status(task, TaskAction.run, jobId);
    }
}
