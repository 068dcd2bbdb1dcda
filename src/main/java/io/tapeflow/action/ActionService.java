package io.tapeflow.action;

import io.tapeflow.api.ApiException;
import io.tapeflow.execution.AwaitAcknowledgement;
import io.tapeflow.execution.Execution;
import io.tapeflow.execution.ExecutionRepository;
import io.tapeflow.execution.RunChunk;
import io.tapeflow.job.JobRunrServer;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskAction;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * run, pause, stop and resume. Each records its request in the database first and only then enqueues
 * its JobRunr job, so a job never starts on state that is not committed; impossible transitions are
 * 409s. The job id of a run stands for the whole execution.
 */
@Singleton
public class ActionService {

    private final ExecutionRepository executions;
    private final JobRunrServer jobs;
    private final ActionRecorder recorder;

    public ActionService(ExecutionRepository executions, JobRunrServer jobs, ActionRecorder recorder) {
        this.executions = executions;
        this.jobs = jobs;
        this.recorder = recorder;
    }

    /**
     * The action a path names.
     *
     * @throws ApiException 404 for anything but run, pause, stop and resume
     */
    public static TaskAction parse(String action) {
        return switch (action) {
            case "run" -> TaskAction.run;
            case "pause" -> TaskAction.pause;
            case "stop" -> TaskAction.stop;
            case "resume" -> TaskAction.resume;
            default -> throw ApiException.notFound("action", action);
        };
    }

    public ActionJobStatus request(Task task, TaskAction action) {
        requireActivated(task);
        UUID jobId = UUID.randomUUID();
        switch (action) {
            case run -> {
                Execution execution = recorder.startRun(task, jobId);
                jobs.scheduler().enqueue(jobId, new RunChunk(execution.id()));
            }
            case pause, stop -> {
                Execution execution = recorder.control(task, action, jobId);
                jobs.scheduler().enqueue(jobId, new AwaitAcknowledgement(execution.id()));
            }
            case resume -> {
                Execution execution = recorder.resume(task, jobId);
                jobs.scheduler().enqueue(jobId, new RunChunk(execution.id()));
            }
            case noop -> throw ApiException.notFound("action", action.name());
        }
        jobs.takeEnqueuedJobsNow();
        return new ActionJobStatus(jobId.toString(), "queued", null, null, null);
    }

    /**
     * Runs the task again over only the files {@code original} failed on, as a new execution linked to
     * it; its job is a run's job.
     */
    public ActionJobStatus retry(Task task, Execution original) {
        requireActivated(task);
        UUID jobId = UUID.randomUUID();
        Execution retry = recorder.startRetry(task, original, jobId);
        jobs.scheduler().enqueue(jobId, new RunChunk(retry.id()));
        jobs.takeEnqueuedJobsNow();
        return new ActionJobStatus(jobId.toString(), "queued", null, null, retry.id());
    }

    private static void requireActivated(Task task) {
        if (!task.activate()) {
            throw ApiException.conflict("task " + task.id() + " is not activated (activate=false)");
        }
    }

    /** The state of an action's job, as seen through the execution it acts on. */
    public ActionJobStatus status(Task task, TaskAction action, String jobId) {
        ActionRecorder.ActionJob job = recorder.find(jobId).filter(j -> j.taskId() == task.id() && j.action() == action)
                .orElseThrow(() -> ApiException.notFound("job", jobId));
        Execution execution = executions.findById(job.executionId()).orElseThrow(() -> ApiException.notFound("job", jobId));
        String status = switch (action) {
            case run, resume -> switch (execution.status()) {
                case in_queue -> "queued";
                case done, finished_with_warnings -> "completed";
                case error, stopped_by_user, stopped_by_system -> "failed";
                default -> "working";
            };
            case pause -> execution.status() == TaskStatus.paused || execution.isFinished() ? "completed" : "working";
            case stop -> execution.isFinished() ? "completed" : "working";
            case noop -> "failed";
        };
        return new ActionJobStatus(jobId, status, execution.liveProcessedSize(), execution.toProcessSize(), execution.id());
    }
}
