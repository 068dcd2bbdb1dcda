package io.tapeflow.execution;

import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

@Singleton
public class RunChunkHandler implements JobRequestHandler<RunChunk> {

    private final ExecutionRunner runner;

    public RunChunkHandler(ExecutionRunner runner) {
        this.runner = runner;
    }

    @Override
    @Job(name = "execution %0", retries = 5)
    public void run(RunChunk request) {
        runner.run(request.executionId());
    }
}
