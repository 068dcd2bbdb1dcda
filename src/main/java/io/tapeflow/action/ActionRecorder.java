package io.tapeflow.action;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.execution.Execution;
import io.tapeflow.execution.ExecutionRepository;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.RetryFiles;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.task.EndpointKind;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskAction;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskEndpointService;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The database side of the actions, each in one transaction: which transitions are possible, the new
 * execution of a run, the control flag of a pause or stop, and the job id of every request.
 */
@Singleton
public class ActionRecorder {

    /** What the runners carry out today. */
    private static final Set<WorkflowAction> RUNNABLE = EnumSet.of(WorkflowAction.copy, WorkflowAction.move,
            WorkflowAction.erase, WorkflowAction.scan, WorkflowAction.format, WorkflowAction.ejection, WorkflowAction.check_consistency,
            WorkflowAction.duplication, WorkflowAction.rehydratation);
    /** Actions that write somewhere, and so need a destination. */
    private static final Set<WorkflowAction> WRITING = EnumSet.of(WorkflowAction.copy, WorkflowAction.move, WorkflowAction.duplication);
    /** Actions that go file by file through container sources, so that a retry can go through the failed files alone. */
    private static final Set<WorkflowAction> RETRYABLE = EnumSet.of(WorkflowAction.copy, WorkflowAction.move, WorkflowAction.erase);

    private final ExecutionRepository executions;
    private final ExecutionStore store;
    private final TaskEndpointService endpoints;
    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final RetryFiles retryFiles;

    public ActionRecorder(ExecutionRepository executions, ExecutionStore store, TaskEndpointService endpoints, JdbcOperations jdbc,
                          AuditLog audit, RetryFiles retryFiles) {
        this.audit = audit;
        this.retryFiles = retryFiles;
        this.executions = executions;
        this.store = store;
        this.endpoints = endpoints;
        this.jdbc = jdbc;
    }

    public record ActionJob(String jobId, long taskId, long executionId, TaskAction action) {
    }

    @Transactional
    public Execution startRun(Task task, UUID jobId) {
        return newRun(task, jobId, null);
    }

    /**
     * Starts a run of the task that goes through only the files {@code original} failed on, placed in
     * the task's current sources.
     *
     * @throws ApiException 409 when the task's workflow changed since, it reads from a pool or tape, or
     *                      no failed file was recorded
     */
    @Transactional
    public Execution startRetry(Task task, Execution original, UUID jobId) {
        if (task.workflowAction() != original.workflowAction()) {
            throw ApiException.conflict("task " + task.id() + " is a " + task.workflowAction() + " now, execution " + original.id()
                    + " was a " + original.workflowAction() + ": run the task instead");
        }
        if (!RETRYABLE.contains(task.workflowAction())) {
            throw ApiException.conflict("a " + task.workflowAction() + " cannot be retried file by file; run the task again");
        }
        List<TaskEndpoint> sources = endpoints.list(EndpointKind.SOURCE, task.id());
        if (sources.stream().anyMatch(source -> !source.isContainer())) {
            throw ApiException.conflict("task " + task.id() + " reads from a pool or tape: only files read from containers are retried;"
                    + " run the restore again");
        }
        Execution retry = newRun(task, jobId, original.id());
        if (retryFiles.plan(original.id(), retry.id(), sources) == 0) {
            throw ApiException.conflict("execution " + original.id() + " recorded no failed file to retry");
        }
        return retry;
    }

    private Execution newRun(Task task, UUID jobId, Long retryOf) {
        lock(task);
        if (executions.existsByTaskIdAndStatusIn(task.id(), TaskStatus.UNFINISHED)) {
            throw ApiException.conflict("task " + task.id() + " is already running or paused; stop or resume it first");
        }
        if (!RUNNABLE.contains(task.workflowAction())) {
            throw ApiException.conflict("workflow_action " + task.workflowAction() + " cannot run yet on this Tapeflow version");
        }
        if (endpoints.list(EndpointKind.SOURCE, task.id()).isEmpty()) {
            throw ApiException.conflict("task " + task.id() + " needs at least one source to run");
        }
        if (WRITING.contains(task.workflowAction()) && endpoints.list(EndpointKind.DESTINATION, task.id()).isEmpty()) {
            throw ApiException.conflict("task " + task.id() + " needs at least one destination to " + task.workflowAction());
        }
        if (task.workflowAction() == WorkflowAction.erase && !task.confirmErase()) {
            throw ApiException.conflict("an erase task deletes its source files: set confirm_erase=true on task "
                    + task.id() + " to run it");
        }
        Instant now = DbTime.now();
        Execution execution = executions.save(new Execution(null, task.id(), task.ownerId(), task.name(), task.workflowType(),
                task.workflowAction(), task.sourceType(), task.destinationType(), TaskStatus.in_queue, "waiting for a worker",
                Execution.Control.none, jobId.toString(), null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, false, 0, null, false, 0, now, now,
                retryOf));
        record(task, execution, TaskAction.run, jobId);
        jdbc.prepareStatement("UPDATE task SET status = ?, progress = 0, processed_size = 0, to_process_size = 0, "
                + "job_started = NULL, job_finished = NULL WHERE id = ?", s -> {
            s.setString(1, TaskStatus.in_queue.name());
            s.setLong(2, task.id());
            return s.executeUpdate();
        });
        return execution;
    }

    /**
     * Asks the runner to pause or stop the task's run. Under the task's lock, like every action, so
     * that two requests (pause and resume, stop and resume) never interleave.
     */
    @Transactional
    public Execution control(Task task, TaskAction action, UUID jobId) {
        lock(task);
        boolean stop = action == TaskAction.stop;
        Execution execution = executions.findFirstByTaskIdOrderByIdDesc(task.id())
                .filter(e -> stop ? !e.isFinished() : e.isActive())
                .orElseThrow(() -> ApiException.conflict("task " + task.id() + " is not running; nothing to " + action));
        store.requestControl(execution.id(), stop ? Execution.Control.stop : Execution.Control.pause);
        if (stop && execution.status() == TaskStatus.paused) {
            // No runner holds a paused run: stopping it needs nobody's acknowledgement.
            store.changeStatus(execution, TaskStatus.stopped_by_user, "stopped while paused");
        }
        record(task, execution, action, jobId);
        return execution;
    }

    @Transactional
    public Execution resume(Task task, UUID jobId) {
        lock(task);
        Execution execution = executions.findFirstByTaskIdOrderByIdDesc(task.id())
                .filter(e -> e.status() == TaskStatus.paused)
                .orElseThrow(() -> ApiException.conflict("task " + task.id() + " is not paused; nothing to resume"));
        store.requeue(execution.id(), jobId.toString());
        store.changeStatus(executions.findById(execution.id()).orElseThrow(), TaskStatus.in_queue, "waiting for a worker");
        record(task, execution, TaskAction.resume, jobId);
        return execution;
    }

    /** Serialises the actions on one task, across nodes too. */
    private void lock(Task task) {
        jdbc.prepareStatement("SELECT id FROM task WHERE id = ? FOR UPDATE", s -> {
            s.setLong(1, task.id());
            return s.executeQuery().next();
        });
    }

    @ReadOnly
    public java.util.Optional<ActionJob> find(String jobId) {
        return jdbc.prepareStatement("SELECT job_id, task_id, execution_id, action FROM task_action_job WHERE job_id = ?", s -> {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new ActionJob(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        TaskAction.valueOf(rs.getString(4)))) : java.util.Optional.<ActionJob>empty();
            }
        });
    }

    private void record(Task task, Execution execution, TaskAction action, UUID jobId) {
        jdbc.prepareStatement("INSERT INTO task_action_job (job_id, task_id, execution_id, action, creation_date) VALUES (?, ?, ?, ?, ?)", s -> {
            s.setString(1, jobId.toString());
            s.setLong(2, task.id());
            s.setLong(3, execution.id());
            s.setString(4, action.name());
            s.setTimestamp(5, java.sql.Timestamp.from(DbTime.now()));
            return s.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE task SET action = ? WHERE id = ?", s -> {
            s.setString(1, action.name());
            s.setLong(2, task.id());
            return s.executeUpdate();
        });
        audit.acted("tasks", task.id(), action.name(), Map.of("job_id", jobId.toString(), "execution_id", execution.id()));
    }
}
