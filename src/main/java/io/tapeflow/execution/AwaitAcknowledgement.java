package io.tapeflow.execution;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The JobRunr job of a pause or stop: it completes once the runner has acknowledged the request. */
public record AwaitAcknowledgement(long executionId) implements JobRequest {

    @Override
    public Class<AwaitAcknowledgementHandler> getJobRequestHandler() {
        return AwaitAcknowledgementHandler.class;
    }
}
