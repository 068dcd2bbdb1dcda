package io.tapeflow.execution;

import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import io.tapeflow.task.TaskStatus;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a chunk of an execution. A failing chunk is retried by JobRunr (its checkpoint makes that
 * safe); after {@value #MAX_FAILURES} failures in a row without progress, the run ends in error
 * instead of staying "in progress" with no job behind it.
 */
@Singleton
public class RunChunkHandler implements JobRequestHandler<RunChunk> {

    static final int MAX_FAILURES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(RunChunkHandler.class);

    private final ExecutionRunner runner;
    private final ExecutionStore store;
    private final ExecutionRepository executions;

    public RunChunkHandler(ExecutionRunner runner, ExecutionStore store, ExecutionRepository executions) {
        this.runner = runner;
        this.store = store;
        this.executions = executions;
    }

    @Override
    @Job(name = "execution %0", retries = MAX_FAILURES)
    public void run(RunChunk request) {
        try {
            runner.run(request.executionId());
        } catch (RuntimeException e) {
            int failures = store.jobFailed(request.executionId());
            LOG.warn("execution {}: job failed ({} in a row): {}", request.executionId(), failures, e.toString());
            if (failures >= MAX_FAILURES) {
                String why = "gave up after " + failures + " failed attempts: " + e.getMessage();
                store.log(request.executionId(), "ERROR", null, why);
                executions.findById(request.executionId()).ifPresent(execution -> store.changeStatus(execution, TaskStatus.error, why));
                return;
            }
            throw e;
        }
    }
}
