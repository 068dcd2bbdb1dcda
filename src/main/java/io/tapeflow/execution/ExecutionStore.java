package io.tapeflow.execution;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The runner's writes to an execution, each one statement over just the columns it owns, so that the
 * owner's control flag and the runner's counters never overwrite each other. Every write also
 * mirrors the run's state onto its task, which shows its latest execution. A run's start and end
 * ({@link ExecutionEvent}) and each checkpoint's work ({@link ExecutionProgressed}) are published
 * inside the transaction that records them. Lock order: the task row first, then the execution's, as
 * an action request (which locks the task) takes them; the other order deadlocked on MariaDB when a
 * stop landed on a checkpoint.
 */
@Singleton
public class ExecutionStore {

    private final JdbcOperations jdbc;
    private final ApplicationEventPublisher<ExecutionEvent> events;
    private final ApplicationEventPublisher<ExecutionProgressed> progressEvents;

    public ExecutionStore(JdbcOperations jdbc, ApplicationEventPublisher<ExecutionEvent> events,
                          ApplicationEventPublisher<ExecutionProgressed> progressEvents) {
        this.jdbc = jdbc;
        this.events = events;
        this.progressEvents = progressEvents;
    }

    @Transactional
    public void requestControl(long executionId, Execution.Control control) {
        Sql.update(jdbc, "UPDATE task_execution SET control = ?, modification_date = ? WHERE id = ?", control.name(), DbTime.now(), executionId);
    }

    /** Moves the run to a new status, stamping its start and end as they happen. */
    @Transactional
    public void changeStatus(Execution execution, TaskStatus status, String statusText) {
        Instant now = DbTime.now();
        Instant started = execution.jobStarted() == null && status != TaskStatus.in_queue ? now : execution.jobStarted();
        boolean finished = !TaskStatus.UNFINISHED.contains(status);
        Instant ended = finished ? now : null;
        Sql.update(jdbc, "UPDATE task SET status = ?, job_started = ?, job_finished = ? WHERE id = ?",
                status.name(), started, ended, execution.taskId());
        Sql.update(jdbc, "UPDATE task_execution SET status = ?, status_text = ?, job_started = ?, job_finished = ?, "
                        + "control = CASE WHEN ? THEN 'none' ELSE control END, modification_date = ? WHERE id = ?",
                status.name(), statusText, started, ended, finished || status == TaskStatus.paused, now, execution.id());
        ExecutionEvent event = ExecutionEvent.of(execution, status, execution.jobStarted() == null && started != null);
        if (event != null) {
            events.publishEvent(event);
        }
    }

    /** Resumes a paused run under a new job, control cleared; the caller moves it back to the queue. */
    @Transactional
    public void requeue(long executionId, String jobId) {
        Sql.update(jdbc, "UPDATE task_execution SET control = 'none', job_id = ?, modification_date = ? WHERE id = ?",
                jobId, DbTime.now(), executionId);
    }

    @Transactional
    public void planned(Execution execution, long files, long bytes) {
        Sql.update(jdbc, "UPDATE task SET to_process_size = ?, processed_size = 0, progress = 0 WHERE id = ?", bytes, execution.taskId());
        Sql.update(jdbc, "UPDATE task_execution SET planned = TRUE, to_process_files = ?, to_process_size = ?, modification_date = ? WHERE id = ?",
                files, bytes, DbTime.now(), execution.id());
    }

    /**
     * Commits counters, checkpoint, live figures, the log lines and the failed files of the files done,
     * in one transaction.
     */
    @Transactional
    public void progress(Execution execution, Progress progress, long bandwidth, Long estimationSeconds, String statusText,
                         PendingLog.Batch pending) {
        int percent = execution.toProcessSize() == 0 ? 0
                : (int) Math.min(100, progress.processedSize() * 100 / execution.toProcessSize());
        Sql.update(jdbc, "UPDATE task SET processed_size = ?, progress = ? WHERE id = ?", progress.processedSize(), percent, execution.taskId());
        // Progress committed: whatever failed before is behind us.
        Sql.update(jdbc, "UPDATE task_execution SET job_failures = 0 WHERE id = ? AND job_failures > 0", execution.id());
        log(execution.id(), pending.lines());
        insertAll("INSERT INTO execution_failed_file (execution_id, container_id, path, reason) VALUES (?, ?, ?, ?)",
                pending.failures(), failed -> Arrays.asList(execution.id(), failed.containerId(), failed.path(), failed.reason()));
        Instant now = DbTime.now();
        // The counters as committed before this checkpoint: what it adds is the work done since.
        long[] before = Sql.rows(jdbc, "SELECT processed_size, processed_files FROM task_execution WHERE id = ?", 2, execution.id())
                .stream().findFirst().orElse(new long[]{progress.processedSize(), progress.processedFiles()});
        Sql.update(jdbc, "UPDATE task_execution SET processed_size = ?, in_flight_size = 0, processed_files = ?, finalized_files = ?, skipped_files = ?, "
                        + "failed_files = ?, checkpoint_source = ?, checkpoint_path = ?, bandwidth = ?, estimation_time = ?, "
                        + "progress = ?, status_text = ?, log_time = ?, modification_date = ? WHERE id = ?",
                progress.processedSize(), progress.processedFiles(), progress.finalizedFiles(), progress.skippedFiles(),
                progress.failedFiles(), progress.checkpointSource(), progress.checkpointPath(), bandwidth, estimationSeconds,
                percent, statusText, now, now, execution.id());
        long bytes = progress.processedSize() - before[0];
        long files = progress.processedFiles() - before[1];
        if (bytes > 0 || files > 0) {
            progressEvents.publishEvent(new ExecutionProgressed(execution.id(), execution.workflowAction(), execution.destinationType(),
                    Math.max(0, bytes), Math.max(0, files)));
        }
    }

    private <T> void insertAll(String sql, List<T> rows, Function<T, List<Object>> parameters) {
        Sql.batch(jdbc, sql, rows.stream().map(parameters).toList());
    }

    /** Counts one more failed job of the run and answers how many failed in a row. */
    @Transactional
    public int jobFailed(long executionId) {
        Sql.update(jdbc, "UPDATE task_execution SET job_failures = job_failures + 1 WHERE id = ?", executionId);
        return jdbc.prepareStatement("SELECT job_failures FROM task_execution WHERE id = ?", statement -> {
            statement.setLong(1, executionId);
            try (var rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /** Marks whether files past the checkpoint may already sit at the destination. */
    @Transactional
    public void filesPastCheckpoint(long executionId, boolean possible) {
        Sql.update(jdbc, "UPDATE task_execution SET files_past_checkpoint = ? WHERE id = ?", possible, executionId);
    }

    /** Live figures while a file is being copied; the checkpoint and counters stay as they are. */
    @Transactional
    public void live(Execution execution, long processedSize, long inFlightSize, long bandwidth, Long estimationSeconds, String statusText) {
        int percent = execution.toProcessSize() == 0 ? 0
                : (int) Math.min(100, (processedSize + inFlightSize) * 100 / execution.toProcessSize());
        Instant now = DbTime.now();
        Sql.update(jdbc, "UPDATE task SET processed_size = ?, progress = ? WHERE id = ?", processedSize + inFlightSize, percent, execution.taskId());
        Sql.update(jdbc, "UPDATE task_execution SET in_flight_size = ?, bandwidth = ?, estimation_time = ?, progress = ?, status_text = ?, "
                        + "log_time = ?, modification_date = ? WHERE id = ?",
                inFlightSize, bandwidth, estimationSeconds, percent, statusText, now, now, execution.id());
    }

    /** Log lines written in the caller's transaction, whatever checkpoint the run's own {@link PendingLog} waits for. */
    @Transactional
    public void log(long executionId, List<PendingLog.Line> lines) {
        insertAll("INSERT INTO task_execution_log (execution_id, log_time, level, path, message) VALUES (?, ?, ?, ?, ?)",
                lines, line -> Arrays.asList(executionId, line.time(), line.level(), line.path(), line.message()));
    }

    @Transactional
    public void log(long executionId, String level, String path, String message) {
        Sql.update(jdbc, "INSERT INTO task_execution_log (execution_id, log_time, level, path, message) VALUES (?, ?, ?, ?, ?)",
                executionId, DbTime.now(), level, path, message.length() > 2000 ? message.substring(0, 2000) : message);
    }
}
