package io.tapeflow.execution;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The JobRunr job that carries an execution on from its checkpoint. */
public record RunChunk(long executionId) implements JobRequest {

    @Override
    public Class<RunChunkHandler> getJobRequestHandler() {
        return RunChunkHandler.class;
    }
}
